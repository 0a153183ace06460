using System.Globalization;
using AgentLab.Memory;

namespace AgentLab.Games.Scenarios;

/// <summary>The name a retrieval table and plot show for a map, as the papers write it: 1.5-entmax, 2-normmax, ksubsets(k=2).</summary>
public static class RetrievalMapLabel
{
    public static string Of(RetrievalMap map) => map.Kind switch
    {
        RetrievalMapKind.Entmax15 => "1.5-entmax",
        RetrievalMapKind.Entmax or RetrievalMapKind.Normmax => $"{map.Alpha.ToString(CultureInfo.InvariantCulture)}-{map.Name}",
        _ => map.ToString(),
    };
}
