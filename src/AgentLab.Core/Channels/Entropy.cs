namespace AgentLab.Channels;

/// <summary>Shannon entropy of a distribution row and its gradient, with 0·log 0 = 0 (sparse rows).</summary>
public static class Entropy
{
    public static float Of(ReadOnlySpan<float> p)
    {
        float h = 0f;
        foreach (float pi in p) if (pi > 0f) h -= pi * MathF.Log(pi);
        return h;
    }

    /// <summary>dH/dp_i = −(log p_i + 1) on the support; 0 off it (p is not differentiable there).</summary>
    public static void GradientWrtProbs(ReadOnlySpan<float> p, float scale, Span<float> dp)
    {
        for (int i = 0; i < p.Length; i++) dp[i] += p[i] > 0f ? -scale * (MathF.Log(p[i]) + 1f) : 0f;
    }

    /// <summary>
    /// dH(softmax(s))/ds_i = −p_i (log p_i + H), added with a scale; p is the softmax of the scores.
    /// </summary>
    public static void AddSoftmaxGradientWrtScores(ReadOnlySpan<float> p, float scale, Span<float> ds)
    {
        float h = Of(p);
        for (int i = 0; i < p.Length; i++) if (p[i] > 0f) ds[i] -= scale * p[i] * (MathF.Log(p[i]) + h);
    }
}
