using System.Globalization;
using AgentLab.Memory;

namespace AgentLab.Games.Scenarios;

/// <summary>One (post-transformation, inverse temperature) pair of a retrieval sweep.</summary>
public sealed record RetrievalSetting(PostTransform Post, double Beta)
{
    public override string ToString() => $"{Post.ToName()} post at beta {Beta.ToString(CultureInfo.InvariantCulture)}";
}
