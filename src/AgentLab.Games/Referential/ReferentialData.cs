using AgentLab.Games.Data;
using AgentLab.Games.Scenarios;

namespace AgentLab.Games.Referential;

/// <summary>
/// The train and test feature matrices of a scenario, with labels, after the scenario's normalisation
/// (standardisation, alone or before the per-row L2 normalisation, uses the train split's statistics for
/// both splits).
/// </summary>
public sealed record ReferentialData(FeatureMatrix Train, int[] TrainLabels, FeatureMatrix Test, int[] TestLabels)
{
    public int Features => Train.Columns;

    public static ReferentialData Load(ReferentialScenario scenario)
    {
        ReferentialData data;
        if (scenario.Source == "fashion-mnist")
        {
            var train = FashionMnist.Load(FashionMnist.TrainSplit, scenario.Root);
            var test = FashionMnist.Load(FashionMnist.TestSplit, scenario.Root);
            data = new(train.Images, train.Labels.Select(l => (int)l).ToArray(), test.Images, test.Labels.Select(l => (int)l).ToArray());
        }
        else
        {
            data = new(NpyFile.ReadMatrix(scenario.FeaturesPath!), NpyFile.ReadLabels(scenario.LabelsPath!),
                NpyFile.ReadMatrix(scenario.TestFeaturesPath!), NpyFile.ReadLabels(scenario.TestLabelsPath!));
            if (data.TrainLabels.Length != data.Train.Rows)
                throw new DatasetException($"{scenario.LabelsPath}: {data.TrainLabels.Length} labels for {data.Train.Rows} feature rows in {scenario.FeaturesPath}");
            if (data.TestLabels.Length != data.Test.Rows)
                throw new DatasetException($"{scenario.TestLabelsPath}: {data.TestLabels.Length} labels for {data.Test.Rows} feature rows in {scenario.TestFeaturesPath}");
            if (data.Test.Columns != data.Train.Columns)
                throw new DatasetException($"{scenario.TestFeaturesPath}: {data.Test.Columns} features per row, but {scenario.FeaturesPath} has {data.Train.Columns}");
        }
        switch (scenario.Normalization)
        {
            case "standardize":
                FeatureNormalization.StandardizeWithTrainStatistics(data.Train, data.Test);
                break;
            case "standardize-l2":
                FeatureNormalization.StandardizeThenNormalizeRowsL2(data.Train, data.Test);
                break;
            case "l2":
                FeatureNormalization.NormalizeRowsL2(data.Train);
                FeatureNormalization.NormalizeRowsL2(data.Test);
                break;
        }
        if (scenario.RowNorm != 1f)
        {
            FeatureNormalization.Scale(data.Train, scenario.RowNorm);
            FeatureNormalization.Scale(data.Test, scenario.RowNorm);
        }
        return data;
    }
}
