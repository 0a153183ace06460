namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// MAP of a binary chain with a budget on the on states (the oracle of <see cref="SequenceBudget"/>,
/// docs/ALGORITHMS.md §7.4(c)): Viterbi over (position, state, count), O(n·k·4).
/// Tie rules, pinned to the reference factor: at every cell the first best previous state wins, with
/// on before off; termination scans count ascending, then state (on before off), keeping the first strict
/// maximum — so among equal scores the fewest on states win.
/// </summary>
internal static class BudgetViterbi
{
    // The reference numbers the on state 0, which is why on wins ties against off.
    private const int On = 0, Off = 1;
    private const sbyte Unreachable = -1, Start = 2;

    /// <param name="unary">Both-states scores: on-score of i at i, off-score at n + i.</param>
    /// <param name="pairs">Score of the on–on pair (i, i+1) at i (length n − 1).</param>
    /// <param name="budget">Largest number of on states.</param>
    /// <param name="onShift">Added to every on-score (the exactly-k emulation constant; 0 for at most k).</param>
    public static BitConfiguration Decode(ReadOnlySpan<double> unary, ReadOnlySpan<double> pairs, int budget, double onShift)
    {
        int n = unary.Length / 2;
        int bins = Math.Min(budget, n) + 1;
        var value = new double[n * 2 * bins];
        var from = new sbyte[value.Length];
        from.AsSpan().Fill(Unreachable);

        from[Cell(0, Off, 0)] = Start;
        value[Cell(0, Off, 0)] = unary[n];
        if (bins > 1)
        {
            from[Cell(0, On, 1)] = Start;
            value[Cell(0, On, 1)] = unary[0] + onShift;
        }

        for (int i = 1; i < n; i++)
        {
            for (int state = On; state <= Off; state++)
            {
                double node = state == On ? unary[i] + onShift : unary[n + i];
                for (int count = 0; count < bins; count++)
                {
                    int previousCount = state == On ? count - 1 : count;
                    if (previousCount < 0) continue;
                    int best = -1;
                    double bestValue = 0;
                    for (int previous = On; previous <= Off; previous++)
                    {
                        int cell = Cell(i - 1, previous, previousCount);
                        if (from[cell] == Unreachable) continue;
                        double candidate = value[cell] + (previous == On && state == On ? pairs[i - 1] : 0.0);
                        if (best < 0 || candidate > bestValue)
                        {
                            best = previous;
                            bestValue = candidate;
                        }
                    }
                    if (best < 0) continue;
                    value[Cell(i, state, count)] = bestValue + node;
                    from[Cell(i, state, count)] = (sbyte)best;
                }
            }
        }

        int endState = -1, endCount = -1;
        double endValue = 0;
        for (int count = 0; count < bins; count++)
        {
            for (int state = On; state <= Off; state++)
            {
                int cell = Cell(n - 1, state, count);
                if (from[cell] == Unreachable) continue;
                if (endState < 0 || value[cell] > endValue)
                {
                    endState = state;
                    endCount = count;
                    endValue = value[cell];
                }
            }
        }

        var bits = new bool[n];
        int s = endState, c = endCount;
        for (int i = n - 1; i >= 0; i--)
        {
            bits[i] = s == On;
            int previous = from[Cell(i, s, c)];
            if (s == On) c--;
            s = previous;
        }
        return BitConfiguration.FromBits(bits);

        int Cell(int position, int state, int count) => (position * 2 + state) * bins + count;
    }
}
