using AgentLab.Memory;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace AgentLab.Games.Retrieval;

/// <summary>
/// Accumulates how well the queries of one sweep cell were retrieved: cosine of each retrieved state to its own
/// memory against the exact and success thresholds, the support sizes and the steps taken.
/// </summary>
internal sealed class RetrievalScore(double exactCosine, double successCosine)
{
    /// <summary>Weights above this count towards the "p > 0.01" support (the eps HOPFIELD.md §6.2 uses for softmax).</summary>
    public const float MassThreshold = 0.01f;

    public int Queries { get; private set; }
    private int _exact, _success;
    private long _support, _supportAbove, _steps;

    /// <summary>
    /// Adds a batch whose query b belongs to memory <paramref name="firstTarget"/> + b; <paramref name="targets"/> are
    /// the memories as the cosine sees them (<see cref="ScoringTargets"/>).
    /// </summary>
    public void Add(RecallResult<float> result, ReadOnlySpan<float> targets, int firstTarget)
    {
        int d = result.Dimension;
        for (int b = 0; b < result.QueryCount; b++)
        {
            double cosine = Cosine(result.RetrievedRow(b), targets.Slice((firstTarget + b) * d, d));
            if (cosine > exactCosine) _exact++;
            if (cosine > successCosine) _success++;
            _support += result.Supports[b].Length;
            foreach (float p in result.WeightsRow(b)) if (p > MassThreshold) _supportAbove++;
            _steps += result.Steps[b];
        }
        Queries += result.QueryCount;
    }

    public double Exact => (double)_exact / Queries;
    public double Success => (double)_success / Queries;
    public double Support => (double)_support / Queries;
    public double SupportAbove001 => (double)_supportAbove / Queries;
    public double StepsTaken => (double)_steps / Queries;

    /// <summary>
    /// The stored patterns as the cosine compares them. The reference compares with the post-transformed memory;
    /// a cosine ignores scale, so that is the pattern itself for identity and l2, and the centred pattern for layer
    /// normalisation ((x - mean) / sd differs from x - mean by a positive factor).
    /// </summary>
    public static float[] ScoringTargets(ReadOnlySpan<float> patterns, int dimension, PostTransform post)
    {
        var targets = patterns.ToArray();
        if (post != PostTransform.LayerNorm) return targets;
        for (int start = 0; start < targets.Length; start += dimension)
        {
            var row = targets.AsSpan(start, dimension);
            TensorPrimitives.Subtract(row, TensorPrimitives.Sum<float>(row) / dimension, row);
        }
        return targets;
    }

    /// <summary>Cosine similarity; 0 when either vector is zero (a state that retrieved nothing matches nothing).</summary>
    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double normA = TensorPrimitives.Norm(a), normB = TensorPrimitives.Norm(b);
        return normA == 0 || normB == 0 ? 0 : TensorPrimitives.Dot(a, b) / (normA * normB);
    }
}
