using System.Globalization;
using System.Text;
using AgentLab.Telemetry.Formatting;
using AgentLab.Telemetry.Reports;

namespace AgentLab.Telemetry.Retrieval;

/// <summary>
/// <c>retrieval.csv</c> in long form (one row per setting and figure), numbers exact:
/// <c>memories,corruption,map,post,beta,steps,figure,mean,stderr,n</c>.
/// </summary>
internal static class RetrievalCsv
{
    public const string Header = "memories,corruption,map,post,beta,steps,figure,mean,stderr,n";

    public static string Render(RetrievalTable table)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in table.Rows)
        foreach (string figure in RetrievalTable.FigureNames)
        {
            text.Append(row.Memories.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(ComparisonCsv.Field(row.Corruption)).Append(',').Append(ComparisonCsv.Field(row.Map)).Append(',')
                .Append(ComparisonCsv.Field(row.Post)).Append(',').Append(NumberText.Exact(row.Beta)).Append(',')
                .Append(row.Steps.ToString(CultureInfo.InvariantCulture)).Append(',').Append(ComparisonCsv.Field(figure)).Append(',');
            ComparisonCsv.AppendStatistics(text, row.Figures[figure]);
        }
        return text.ToString();
    }
}
