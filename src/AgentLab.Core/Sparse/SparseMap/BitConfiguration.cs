using System.Numerics;

namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// One structure z ∈ {0,1}ⁿ (position i = variable i, written as a string of '0'/'1' like the goldens).
/// Immutable and compared by value, so active sets can test membership. The bits are packed into 64-bit
/// words because the Gram entries of the active-set solver are overlap counts, i.e. popcounts.
/// </summary>
public sealed class BitConfiguration : IEquatable<BitConfiguration>
{
    private readonly ulong[] _words;

    private BitConfiguration(int length, ulong[] words)
    {
        Length = length;
        _words = words;
        int ones = 0;
        foreach (ulong word in words) ones += BitOperations.PopCount(word);
        Count = ones;
    }

    /// <summary>Number of binary variables n.</summary>
    public int Length { get; }

    /// <summary>Number of variables that are on, |z|.</summary>
    public int Count { get; }

    public bool this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length) throw new ArgumentOutOfRangeException(nameof(index), index, $"must be in [0, {Length})");
            return (_words[index >> 6] & (1UL << index)) != 0;
        }
    }

    public static BitConfiguration FromBits(ReadOnlySpan<bool> bits)
    {
        var words = new ulong[WordCount(bits.Length)];
        for (int i = 0; i < bits.Length; i++)
            if (bits[i]) words[i >> 6] |= 1UL << i;
        return new BitConfiguration(bits.Length, words);
    }

    /// <summary>The configuration of <paramref name="length"/> variables whose on positions are <paramref name="ones"/>.</summary>
    public static BitConfiguration FromOnes(int length, ReadOnlySpan<int> ones)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var words = new ulong[WordCount(length)];
        foreach (int i in ones)
        {
            if ((uint)i >= (uint)length) throw new ArgumentOutOfRangeException(nameof(ones), i, $"positions must be in [0, {length})");
            words[i >> 6] |= 1UL << i;
        }
        return new BitConfiguration(length, words);
    }

    /// <summary>Parses a string of '0'/'1' (the golden-file form).</summary>
    public static BitConfiguration Parse(string bits)
    {
        var values = new bool[bits.Length];
        for (int i = 0; i < bits.Length; i++)
        {
            values[i] = bits[i] switch
            {
                '1' => true,
                '0' => false,
                _ => throw new FormatException($"configuration \"{bits}\" has '{bits[i]}' at {i}; only '0' and '1' are allowed"),
            };
        }
        return FromBits(values);
    }

    /// <summary>|z ∧ z'|: the number of variables on in both (the on-only Gram entry).</summary>
    public int Overlap(BitConfiguration other)
    {
        RequireSameLength(other);
        int count = 0;
        for (int w = 0; w < _words.Length; w++) count += BitOperations.PopCount(_words[w] & other._words[w]);
        return count;
    }

    /// <summary>n − Hamming(z, z'): the number of variables in the same state (the both-states Gram entry).</summary>
    public int Agreement(BitConfiguration other)
    {
        RequireSameLength(other);
        int differ = 0;
        // Bits past Length are zero in both words, so they never count as a difference.
        for (int w = 0; w < _words.Length; w++) differ += BitOperations.PopCount(_words[w] ^ other._words[w]);
        return Length - differ;
    }

    /// <summary>Whether variables i and i + 1 are both on (a consecutive on–on pair).</summary>
    public bool PairOn(int i) => this[i] && this[i + 1];

    /// <summary>The on positions in ascending order, without allocating.</summary>
    public OnesEnumerator Ones => new(_words);

    public bool[] ToArray()
    {
        var bits = new bool[Length];
        foreach (int i in Ones) bits[i] = true;
        return bits;
    }

    public bool Equals(BitConfiguration? other) =>
        other is not null && other.Length == Length && _words.AsSpan().SequenceEqual(other._words);

    public override bool Equals(object? obj) => Equals(obj as BitConfiguration);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Length);
        foreach (ulong word in _words) hash.Add(word);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Create(Length, this, static (chars, z) =>
    {
        chars.Fill('0');
        foreach (int i in z.Ones) chars[i] = '1';
    });

    private static int WordCount(int length) => (length + 63) >> 6;

    private void RequireSameLength(BitConfiguration other)
    {
        if (other.Length != Length)
            throw new ArgumentException($"configurations of different lengths ({Length} and {other.Length})", nameof(other));
    }

    /// <summary>Enumerates set bits word by word with trailing-zero counts.</summary>
    public ref struct OnesEnumerator
    {
        private readonly ulong[] _words;
        private int _word;
        private ulong _remaining;

        internal OnesEnumerator(ulong[] words)
        {
            _words = words;
            _word = -1;
            _remaining = 0;
            Current = -1;
        }

        public int Current { get; private set; }

        public readonly OnesEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_remaining == 0)
            {
                if (++_word >= _words.Length) return false;
                _remaining = _words[_word];
            }
            Current = (_word << 6) + BitOperations.TrailingZeroCount(_remaining);
            _remaining &= _remaining - 1;
            return true;
        }
    }
}
