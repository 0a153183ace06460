namespace AgentLab.Games.Retrieval;

/// <summary>
/// <c>torch.manual_seed(seed); torch.randperm(n)</c> on the CPU, as the reference code draws its memories: a forward
/// Fisher-Yates shuffle whose i-th swap partner is i + (a 32-bit Mersenne Twister draw mod (n - i)).
/// </summary>
internal static class TorchRandperm
{
    public static int[] Of(int n, uint seed)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var generator = new Mt19937(seed);
        for (int i = 0; i < n - 1; i++)
        {
            int z = (int)(generator.Next() % (uint)(n - i));
            (order[i], order[z + i]) = (order[z + i], order[i]);
        }
        return order;
    }
}
