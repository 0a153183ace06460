namespace AgentLab.Memory;

/// <summary>The names of the <see cref="PostTransform"/>s on the command line and in files: identity, l2, layernorm.</summary>
public static class PostTransformNames
{
    public static IReadOnlyList<string> All { get; } = ["identity", "l2", "layernorm"];

    /// <summary>Parses a name; throws <see cref="ArgumentException"/> naming the accepted values.</summary>
    public static PostTransform Parse(string name, string paramName = "post") => name switch
    {
        "identity" => PostTransform.Identity,
        "l2" => PostTransform.L2,
        "layernorm" => PostTransform.LayerNorm,
        _ => throw new ArgumentException($"unknown post-transformation \"{name}\" (expected one of {string.Join(", ", All)})", paramName),
    };

    public static string ToName(this PostTransform post) => post switch
    {
        PostTransform.Identity => "identity",
        PostTransform.L2 => "l2",
        PostTransform.LayerNorm => "layernorm",
        _ => throw new ArgumentOutOfRangeException(nameof(post), post, "unknown post-transformation"),
    };
}
