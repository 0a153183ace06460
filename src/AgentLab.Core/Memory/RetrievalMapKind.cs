namespace AgentLab.Memory;

/// <summary>The families of <see cref="RetrievalMap"/> (HOPFIELD.md §3).</summary>
public enum RetrievalMapKind
{
    Softmax,
    Sparsemax,
    Entmax15,

    /// <summary>α-entmax by bisection, any α &gt; 1.</summary>
    Entmax,

    /// <summary>γ-normmax by bisection, any γ &gt; 1.</summary>
    Normmax,

    /// <summary>SparseMAP k-subsets: the capped-simplex projection, marginals summing to k.</summary>
    KSubsets,

    /// <summary>SparseMAP sequential k-subsets: k memories, consecutive pairs rewarded by a pair score.</summary>
    SequentialKSubsets,
}
