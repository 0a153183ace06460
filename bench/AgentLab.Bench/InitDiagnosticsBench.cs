using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Numerics;

namespace AgentLab.Bench;

/// <summary>
/// `init-diagnostics --normalization N [--row-norm 1] [--scenario scenarios/referential-fmnist.yaml] [--seed 322]`:
/// the referential game's state at initialisation under one data normalisation, measured with the run's own
/// agents (ReferentialAgents for the seed): how much the sender's scores depend on its input, the sparsemax
/// support, the receiver's logit scale and NLL, and the RMS of every parameter's gradient in the first steps
/// of dense and sparsemax marginalization (with the share of entries below Adam's ε = 1e-8). It explains
/// which settings can start learning; it times nothing.
/// </summary>
internal static class InitDiagnosticsBench
{
    private const int Inputs = 512, Games = 256, GradientBatches = 8;

    public static int Run(IReadOnlyList<string> args)
    {
        var a = new BenchArgs("init-diagnostics", args, "normalization", "row-norm", "scenario", "seed");
        string file = a.String("scenario", "scenarios/referential-fmnist.yaml");
        var overrides = new List<string> { $"data.normalization={a.String("normalization")}", $"training.seed={a.Int("seed", 322)}" };
        float rowNorm = a.Float("row-norm", 1f);
        if (rowNorm != 1f) overrides.Add("data.row_norm=" + rowNorm.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(file, overrides), "sparsemax-marg");
        var data = ReferentialData.Load(sc);
        var rng = new Random(1);
        DescribeInitialAgents(sc, data, rng);
        foreach (var method in new[] { "dense-marg", "sparsemax-marg" })
            DescribeFirstGradients(ReferentialScenario.Parse(ScenarioFile.Load(file, overrides), method), data);
        return 0;
    }

    private static void DescribeInitialAgents(ReferentialScenario sc, ReferentialData data, Random rng)
    {
        var agents = new ReferentialAgents(sc, data.Features);
        int f = data.Features, v = sc.Vocab, e = sc.Embedding;
        var rows = Enumerable.Range(0, Inputs).Select(_ => rng.Next(data.Train.Rows)).ToArray();
        var x = new float[Inputs * f];
        for (int i = 0; i < Inputs; i++) data.Train.Row(rows[i]).CopyTo(x.AsSpan(i * f, f));
        var s = agents.Sender.EncodeForEvaluation(new Tensor(x, Inputs, f)).Span.ToArray();

        double acrossInputs = Enumerable.Range(0, v).Average(z => Std(Enumerable.Range(0, Inputs).Select(i => (double)s[i * v + z])));
        double acrossVocab = Enumerable.Range(0, Inputs).Average(i => Std(Enumerable.Range(0, v).Select(z => (double)s[i * v + z])));
        int distinctArgmax = Enumerable.Range(0, Inputs).Select(i => Enumerable.Range(0, v).MaxBy(z => s[i * v + z])).Distinct().Count();
        var map = new AgentLab.Channels.SparsemaxMap();
        var p = new float[v];
        double support = Enumerable.Range(0, Inputs).Average(i => { map.Forward(s.AsSpan(i * v, v), p); return p.Count(q => q > 0f); });
        double rowNorm = Enumerable.Range(0, Inputs).Average(i => Norm(x.AsSpan(i * f, f)));
        double cosine = Enumerable.Range(0, Inputs / 2).Average(i => Dot(x.AsSpan(2 * i * f, f), x.AsSpan((2 * i + 1) * f, f))
            / (Norm(x.AsSpan(2 * i * f, f)) * Norm(x.AsSpan((2 * i + 1) * f, f)) + 1e-12));

        // The receiver on 16-candidate games with a uniformly drawn message: logits <R1 x_i, msg_table[z]>.
        var r1 = agents.Receiver.Network.Lin1.Weight.Value.Span.ToArray();            // [E, F]
        var table = agents.Receiver.Network.MessageTable.Table.Value.Span.ToArray();  // [V, E]
        double nll = 0, logitStd = 0;
        var logits = new double[sc.Candidates];
        for (int g = 0; g < Games; g++)
        {
            int z = rng.Next(v);
            for (int c = 0; c < sc.Candidates; c++)
            {
                var row = data.Train.Row(rng.Next(data.Train.Rows));
                double logit = 0;
                for (int k = 0; k < e; k++) logit += Dot(r1.AsSpan(k * f, f), row) * table[z * e + k];
                logits[c] = logit;
            }
            double max = logits.Max(), lse = max + Math.Log(logits.Sum(l => Math.Exp(l - max)));
            nll += lse - logits[0];
            logitStd += Std(logits);
        }

        Console.WriteLine($"normalization={sc.Normalization} row_norm={sc.RowNorm} mean_row_norm={rowNorm:F3} mean_cosine_of_two_images={cosine:F3}");
        Console.WriteLine($"sender_score_std_across_inputs={acrossInputs:E2} sender_score_std_across_vocab={acrossVocab:E2} distinct_argmax_messages={distinctArgmax}/{Inputs} sparsemax_support={support:F1}");
        Console.WriteLine($"receiver_logit_std={logitStd / Games:F3} initial_nll={nll / Games:F3} (log {sc.Candidates} = {Math.Log(sc.Candidates):F3})");
    }

    private static void DescribeFirstGradients(ReferentialScenario sc, ReferentialData data)
    {
        var agents = new ReferentialAgents(sc, data.Features);
        var sampler = new GameSampler(data.Train, data.TrainLabels, sc.Candidates);
        var batch = new GameBatch(sc.Batch, sc.Candidates, data.Features);
        var step = new ReferentialStep(sc.Batch, sc.Candidates, sc.Vocab);
        // Discrete messages never reach the receiver's relaxed-vector map, so it is left out.
        var parameters = agents.Sender.Network.Parameters()
            .Concat([agents.Receiver.Network.Lin1.Weight, agents.Receiver.Network.MessageTable.Table]).ToArray();
        var meanSquare = new double[parameters.Length];
        var belowEpsilon = new double[parameters.Length];
        for (int b = 0; b < GradientBatches; b++)
        {
            sampler.DrawBatch(agents.GameRng, batch);
            step.Run(batch, agents.Sender, agents.Receiver, agents.Channel, agents.ChannelContext, update: false);
            for (int i = 0; i < parameters.Length; i++)
            {
                var g = parameters[i].Gradient.Span;
                meanSquare[i] += Dot(g, g) / g.Length / GradientBatches;
                belowEpsilon[i] += (double)Count(g, q => MathF.Abs(q) < 1e-8f) / g.Length / GradientBatches;
                g.Clear();
            }
        }
        Console.WriteLine($"{sc.Method} gradient RMS over {GradientBatches} batches at initialisation (share of entries below 1e-8):");
        for (int i = 0; i < parameters.Length; i++)
            Console.WriteLine($"  {parameters[i].Name}: {Math.Sqrt(meanSquare[i]):E2} ({belowEpsilon[i]:P0})");
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    private static double Norm(ReadOnlySpan<float> a) => Math.Sqrt(Dot(a, a));

    private static int Count(ReadOnlySpan<float> values, Func<float, bool> predicate)
    {
        int n = 0;
        foreach (float q in values) if (predicate(q)) n++;
        return n;
    }

    private static double Std(IEnumerable<double> values)
    {
        var a = values.ToArray();
        double mean = a.Average();
        return Math.Sqrt(a.Average(t => (t - mean) * (t - mean)));
    }
}
