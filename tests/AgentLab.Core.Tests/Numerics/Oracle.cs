namespace AgentLab.Tests.Numerics;

/// <summary>Naive float64 reference implementations, written for clarity, used as test oracles.</summary>
internal static class Oracle
{
    public static double[] MatMul(double[] a, double[] b, int m, int k, int n, bool transA, bool transB)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int t = 0; t < k; t++) s += (transA ? a[t * m + i] : a[i * k + t]) * (transB ? b[j * k + t] : b[t * n + j]);
                c[i * n + j] = s;
            }
        return c;
    }

    public static double[] Map(double[] x, Func<double, double> f) => x.Select(f).ToArray();

    public static double[] RowWise(double[] x, int cols, Func<double[], double[]> f)
    {
        var y = new List<double>();
        for (int r = 0; r < x.Length / cols; r++) y.AddRange(f(x.Skip(r * cols).Take(cols).ToArray()));
        return y.ToArray();
    }

    public static double LogSumExp(double[] row)
    {
        double m = row.Max();
        return m + Math.Log(row.Sum(v => Math.Exp(v - m)));
    }

    public static double[] Softmax(double[] row)
    {
        double lse = LogSumExp(row);
        return row.Select(v => Math.Exp(v - lse)).ToArray();
    }
}
