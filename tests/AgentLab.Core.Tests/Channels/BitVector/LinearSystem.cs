namespace AgentLab.Tests.Channels.BitVector;

/// <summary>Gaussian elimination with partial pivoting on an augmented n × (n + 1) matrix (test oracle).</summary>
internal static class LinearSystem
{
    public static double[] Solve(double[,] augmented)
    {
        int n = augmented.GetLength(0);
        var a = (double[,])augmented.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (Math.Abs(a[pivot, col]) < 1e-12) throw new InvalidOperationException("singular system");
            for (int c = 0; c <= n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = a[r, col] / a[col, col];
                for (int c = col; c <= n; c++) a[r, c] -= f * a[col, c];
            }
        }
        var x = new double[n];
        for (int r = 0; r < n; r++) x[r] = a[r, n] / a[r, r];
        return x;
    }
}
