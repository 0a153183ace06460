namespace AgentLab.Games.Retrieval;

/// <summary>
/// The 32-bit Mersenne Twister (Matsumoto and Nishimura 1998) with its standard seeding, the generator behind
/// PyTorch's CPU <c>torch.manual_seed</c>: here only to draw the same memories as the reference code.
/// </summary>
internal sealed class Mt19937
{
    private const int N = 624, M = 397;
    private const uint MatrixA = 0x9908B0DF, UpperMask = 0x80000000, LowerMask = 0x7FFFFFFF;
    private readonly uint[] _state = new uint[N];
    private int _next = N;

    public Mt19937(uint seed)
    {
        _state[0] = seed;
        for (int j = 1; j < N; j++) _state[j] = 1812433253u * (_state[j - 1] ^ (_state[j - 1] >> 30)) + (uint)j;
    }

    public uint Next()
    {
        if (_next == N) Twist();
        uint y = _state[_next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        return y ^ (y >> 18);
    }

    private void Twist()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (_state[k] & UpperMask) | (_state[(k + 1) % N] & LowerMask);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : MatrixA);
        }
        _next = 0;
    }
}
