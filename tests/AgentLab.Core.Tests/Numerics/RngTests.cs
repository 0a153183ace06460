using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

public class RngTests
{
    private const int Draws = 100_000;
    private const double EulerMascheroni = 0.5772156649015329;

    // ---- Known answers: catch any accidental change of the algorithm or seeding. ----

    [Fact]
    public void Xoshiro256StarStar_FromState1234_MatchesPublishedReferenceOutputs()
    {
        // The reference outputs of Vigna's xoshiro256starstar.c for the state {1, 2, 3, 4}.
        var rng = Rng.FromState(new RngState(Seed: 0, 1, 2, 3, 4));
        ulong[] expected = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600];
        Assert.Equal(expected, Take(rng, expected.Length));
    }

    [Fact]
    public void Seed42_FirstOutputs_ArePinned()
    {
        // Computed with an independent Python transcription of splitmix64.c + xoshiro256starstar.c.
        ulong[] expected = [0x15780B2E0C2EC716, 0x6104D9866D113A7E, 0xAE17533239E499A1, 0xECB8AD4703B360A1];
        Assert.Equal(expected, Take(new Rng(42), expected.Length));
        Assert.Equal(new RngState(42, 0xBDD732262FEB6E95, 0x28EFE333B266F103, 0x47526757130F9F52, 0x581CE1FF0E4AE394),
            new Rng(42).GetState());
    }

    [Fact]
    public void SplitDerivations_ArePinned()
    {
        // Same Python transcription, applying the documented seed-derivation recipes.
        var byId = new Rng(42).Split(7);
        Assert.Equal(0x63B8F116CF4D4695UL, byId.Seed);
        Assert.Equal([0x75A22991A4EFA40DUL, 0xCBE494366933F8EEUL], Take(byId, 2));

        var byDraw = new Rng(42).Split();
        Assert.Equal(0xD6DDBCC5B67292B3UL, byDraw.Seed);
        Assert.Equal([0xC04B52D81031B6EEUL, 0x1D8D0B80899456B4UL], Take(byDraw, 2));
    }

    [Fact]
    public void SplitMix64_Seed0_MatchesReferenceFirstOutput()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
    }

    // ---- Determinism, splitting and state. ----

    [Fact]
    public void SameSeed_GivesIdenticalSequence()
    {
        Assert.Equal(Take(new Rng(123), 1000), Take(new Rng(123), 1000));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentSequences()
    {
        Assert.NotEqual(Take(new Rng(1), 16), Take(new Rng(2), 16));
    }

    [Fact]
    public void Split_ChildDiffersFromParentAndSiblings()
    {
        var parent = new Rng(5);
        var first = parent.Split();
        var second = parent.Split();
        var parentNext = Take(parent, 16);
        var firstNext = Take(first, 16);
        var secondNext = Take(second, 16);
        Assert.NotEqual(parentNext, firstNext);
        Assert.NotEqual(firstNext, secondNext);
        Assert.NotEqual(parentNext, secondNext);
    }

    [Fact]
    public void SplitById_DependsOnlyOnParentSeedAndId()
    {
        var fresh = new Rng(9);
        var used = new Rng(9);
        Take(used, 37);
        used.Split();
        Assert.Equal(Take(fresh.Split(3), 16), Take(used.Split(3), 16));
    }

    [Fact]
    public void SplitById_DistinctIdsGiveDistinctStreams_AndNestedSplitsDiffer()
    {
        var root = new Rng(9);
        var seeds = new HashSet<ulong>();
        for (ulong id = 0; id < 1000; id++) Assert.True(seeds.Add(root.Split(id).Seed));
        Assert.DoesNotContain(root.Seed, seeds);
        // A grandchild must not collide with a child of the same id.
        Assert.NotEqual(root.Split(1).Seed, root.Split(1).Split(1).Seed);
        Assert.NotEqual(Take(root.Split(0), 8), Take(root.Split(1), 8));
    }

    [Fact]
    public void Child_IsReproducibleFromItsSeed()
    {
        var child = new Rng(77).Split(4);
        Assert.Equal(Take(new Rng(child.Seed), 16), Take(child, 16));
    }

    [Fact]
    public void SavedState_ContinuesTheExactStream()
    {
        var original = new Rng(2024);
        Take(original, 123);
        original.NextNormal(); // any mix of draws before saving
        var saved = original.GetState();
        var expected = Take(original, 1000);

        Assert.Equal(expected, Take(Rng.FromState(saved), 1000));

        var other = new Rng(1);
        other.SetState(saved);
        Assert.Equal(expected, Take(other, 1000));
        Assert.Equal(new Rng(2024).Split(5).Seed, other.Split(5).Seed);
    }

    [Fact]
    public void RngState_TextRoundTrips()
    {
        var state = new Rng(42).GetState();
        Assert.Equal(state, RngState.Parse(state.ToString()));
        Assert.Throws<FormatException>(() => RngState.Parse("1:2:3"));
        Assert.Throws<FormatException>(() => RngState.Parse("1:2:3:4:zz"));
    }

    [Fact]
    public void SetState_RejectsAllZeroState()
    {
        Assert.Throws<ArgumentException>(() => new Rng(1).SetState(new RngState(1, 0, 0, 0, 0)));
    }

    // ---- Uniform and integer draws. ----

    [Fact]
    public void Uniform_HasMeanHalfAndVarianceOneTwelfth()
    {
        var rng = new Rng(11);
        AssertMoments(Sample(() => rng.NextUniform()), 0.5, 1.0 / 12, 0.005, 0.002);
        AssertMoments(Sample(rng.NextUniformDouble), 0.5, 1.0 / 12, 0.005, 0.002);
    }

    [Fact]
    public void Uniform_StaysInItsInterval()
    {
        var rng = new Rng(12);
        for (int i = 0; i < Draws; i++)
        {
            float f = rng.NextUniform();
            double d = rng.NextUniformDouble();
            float fo = rng.NextUniformOpen();
            double dOpen = rng.NextUniformOpenDouble();
            Assert.True(f >= 0f && f < 1f);
            Assert.True(d >= 0.0 && d < 1.0);
            Assert.True(fo > 0f && fo < 1f);
            Assert.True(dOpen > 0.0 && dOpen < 1.0);
        }
    }

    [Fact]
    public void UniformConversions_MapExtremeBitsInsideTheirIntervals()
    {
        Assert.Equal(0f, Rng.ToUniformSingle(0));
        Assert.Equal(1f - MathF.Pow(2, -24), Rng.ToUniformSingle(ulong.MaxValue));
        Assert.Equal(0.0, Rng.ToUniformDouble(0));
        Assert.Equal(1.0 - Math.Pow(2, -53), Rng.ToUniformDouble(ulong.MaxValue));
        Assert.Equal(MathF.Pow(2, -24), Rng.ToUniformOpenSingle(0));
        Assert.Equal(1f - MathF.Pow(2, -24), Rng.ToUniformOpenSingle(ulong.MaxValue));
        Assert.Equal(Math.Pow(2, -53), Rng.ToUniformOpenDouble(0));
        Assert.Equal(1.0 - Math.Pow(2, -53), Rng.ToUniformOpenDouble(ulong.MaxValue));
    }

    [Fact]
    public void NextInt_StaysInRange_AndCoversIt()
    {
        var rng = new Rng(13);
        var seen = new bool[7];
        for (int i = 0; i < 10_000; i++) seen[rng.NextInt(7)] = true;
        Assert.All(seen, Assert.True);
        Assert.Equal(0, rng.NextInt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(-3));
        int big = rng.NextInt(int.MaxValue);
        Assert.InRange(big, 0, int.MaxValue - 1);
    }

    [Fact]
    public void NextInt_HasNoModuloBias()
    {
        // n = 1.5 * 2^30: reducing a 32-bit draw modulo n would put 3/4 of the mass below 2^30
        // instead of the unbiased 2/3.
        const int n = 3 << 29;
        var rng = new Rng(14);
        int below = 0;
        for (int i = 0; i < Draws; i++) if (rng.NextInt(n) < 1 << 30) below++;
        Assert.InRange(below / (double)Draws, 2.0 / 3 - 0.01, 2.0 / 3 + 0.01);
    }

    [Fact]
    public void NextInt_SmallRange_PassesChiSquare()
    {
        var rng = new Rng(15);
        var counts = new int[10];
        for (int i = 0; i < Draws; i++) counts[rng.NextInt(10)]++;
        // 9 degrees of freedom; 40 is far beyond the 0.9999 quantile (about 33.7).
        Assert.True(ChiSquare(counts, Enumerable.Repeat(0.1, 10).ToArray()) < 40);
    }

    // ---- Normal, Gumbel, categorical. ----

    [Fact]
    public void Normal_HasMeanZeroAndVarianceOne()
    {
        var rng = new Rng(21);
        AssertMoments(Sample(() => rng.NextNormal()), 0, 1, 0.02, 0.03);
        AssertMoments(Sample(rng.NextNormalDouble), 0, 1, 0.02, 0.03);
    }

    [Fact]
    public void Gumbel_HasEulerMascheroniMeanAndVariancePiSquaredOverSix()
    {
        var rng = new Rng(22);
        var values = Sample(() => rng.NextGumbel());
        AssertMoments(values, EulerMascheroni, Math.PI * Math.PI / 6, 0.02, 0.06);
        Assert.All(values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Categorical_FrequenciesMatchUnnormalisedWeights_AndZerosAreNeverDrawn()
    {
        float[] weights = [0.3f, 0f, 0.6f, 0.9f, 1.2f, 0f]; // sums to 3, not 1
        double[] expected = [0.1, 0, 0.2, 0.3, 0.4, 0];
        var rng = new Rng(23);
        var counts = new int[weights.Length];
        for (int i = 0; i < Draws; i++) counts[rng.NextCategorical(weights)]++;
        Assert.Equal(0, counts[1]);
        Assert.Equal(0, counts[5]);
        int[] positive = [counts[0], counts[2], counts[3], counts[4]];
        // 3 degrees of freedom; the 0.9999 quantile is about 21.1.
        Assert.True(ChiSquare(positive, [0.1, 0.2, 0.3, 0.4]) < 25, string.Join(",", counts));
    }

    [Fact]
    public void Categorical_NeverDrawsZeroWeights_AtTheEdges()
    {
        var rng = new Rng(24);
        float[] leadingZeros = [0f, 0f, 1f];
        float[] trailingZeros = [1f, 0f, 0f];
        float[] tinyAmongZeros = [0f, float.Epsilon, 0f];
        for (int i = 0; i < 10_000; i++)
        {
            Assert.Equal(2, rng.NextCategorical(leadingZeros));
            Assert.Equal(0, rng.NextCategorical(trailingZeros));
            Assert.Equal(1, rng.NextCategorical(tinyAmongZeros));
        }
    }

    [Fact]
    public void Categorical_RejectsInvalidWeights()
    {
        var rng = new Rng(25);
        Assert.Throws<ArgumentException>(() => rng.NextCategorical([]));
        Assert.Throws<ArgumentException>(() => rng.NextCategorical([0f, 0f]));
        Assert.Throws<ArgumentException>(() => rng.NextCategorical([0.5f, -0.1f]));
        Assert.Throws<ArgumentException>(() => rng.NextCategorical([0.5f, float.NaN]));
        Assert.Throws<ArgumentException>(() => rng.NextCategorical([0.5f, float.PositiveInfinity]));
    }

    // ---- Fill methods. ----

    [Fact]
    public void FillUniform_StaysInHalfOpenRange_WithRightMean()
    {
        var values = new float[Draws];
        new Rng(31).FillUniform(values, -2f, 6f);
        Assert.All(values, v => Assert.True(v >= -2f && v < 6f));
        AssertMoments(values.Select(v => (double)v).ToArray(), 2, 64.0 / 12, 0.05, 0.1);
    }

    [Fact]
    public void FillUniform_NarrowRangeNeverReturnsHi()
    {
        // A one-ulp interval: nearly every draw rounds to hi and must be pulled back to lo.
        float lo = 1f, hi = MathF.BitIncrement(1f);
        var values = new float[1000];
        new Rng(32).FillUniform(values, lo, hi);
        Assert.All(values, v => Assert.Equal(lo, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rng(1).FillUniform(values, 1f, 0f));
    }

    [Fact]
    public void FillNormal_HasRequestedMeanAndStd_IncludingOddLength()
    {
        var values = new float[Draws + 1];
        new Rng(33).FillNormal(values, 3f, 2f);
        AssertMoments(values.Select(v => (double)v).ToArray(), 3, 4, 0.04, 0.12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rng(1).FillNormal(values, 0f, -1f));
    }

    [Fact]
    public void FillGumbel_HasEulerMascheroniMean()
    {
        var values = new float[Draws];
        new Rng(34).FillGumbel(values);
        Assert.InRange(values.Average(v => (double)v), EulerMascheroni - 0.02, EulerMascheroni + 0.02);
    }

    [Fact]
    public void Fills_AreDeterministicForASeed()
    {
        float[] a = new float[101], b = new float[101];
        new Rng(35).FillNormal(a);
        new Rng(35).FillNormal(b);
        Assert.Equal(a, b);
    }

    // ---- Shuffle and sampling. ----

    [Fact]
    public void Shuffle_IsAPermutation_WithUniformOrderings()
    {
        var rng = new Rng(41);
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < 60_000; i++)
        {
            int[] items = [0, 1, 2];
            rng.Shuffle<int>(items);
            string key = string.Concat(items);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        // 5 degrees of freedom; the 0.9999 quantile is about 25.7.
        Assert.True(ChiSquare(counts.Values.ToArray(), Enumerable.Repeat(1.0 / 6, 6).ToArray()) < 30);
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(10, 10)]
    [InlineData(100, 7)]          // partial Fisher-Yates path
    [InlineData(1_000_000, 50)]   // Floyd path
    public void SampleWithoutReplacement_GivesDistinctValuesInRange(int n, int k)
    {
        var rng = new Rng(42);
        var destination = new int[k + 3];
        Array.Fill(destination, -1);
        rng.SampleWithoutReplacement(n, k, destination);
        var sample = destination[..k];
        Assert.Equal(k, sample.Distinct().Count());
        Assert.All(sample, v => Assert.InRange(v, 0, n - 1));
        Assert.All(destination[k..], v => Assert.Equal(-1, v)); // slots past k untouched
    }

    [Theory]
    [InlineData(20, 5)]
    [InlineData(20_000, 5)]
    public void SampleWithoutReplacement_IncludesEachItemWithProbabilityKOverN(int n, int k)
    {
        // Fold the population into 20 buckets so both paths are checked with the same test.
        var rng = new Rng(43);
        var buckets = new int[20];
        var sample = new int[k];
        const int Rounds = 20_000;
        for (int r = 0; r < Rounds; r++)
        {
            rng.SampleWithoutReplacement(n, k, sample);
            foreach (int v in sample) buckets[(int)((long)v * 20 / n)]++;
        }
        // 19 degrees of freedom; the 0.9999 quantile is about 50. (Draws within a round are
        // dependent, which only makes the statistic smaller here.)
        Assert.True(ChiSquare(buckets, Enumerable.Repeat(0.05, 20).ToArray()) < 55, string.Join(",", buckets));
    }

    [Fact]
    public void SampleWithoutReplacement_FirstPositionIsUniform()
    {
        // Order must be random too: Floyd's raw output would bias position 0 toward small values.
        var rng = new Rng(44);
        var sample = new int[50];
        var buckets = new int[10];
        for (int r = 0; r < 20_000; r++)
        {
            rng.SampleWithoutReplacement(1_000_000, 50, sample);
            buckets[sample[0] / 100_000]++;
        }
        Assert.True(ChiSquare(buckets, Enumerable.Repeat(0.1, 10).ToArray()) < 40, string.Join(",", buckets));
    }

    [Fact]
    public void SampleWithoutReplacement_RejectsBadArguments()
    {
        var rng = new Rng(45);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.SampleWithoutReplacement(5, 6, new int[6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.SampleWithoutReplacement(5, -1, new int[6]));
        Assert.Throws<ArgumentException>(() => rng.SampleWithoutReplacement(5, 3, new int[2]));
    }

    // ---- Helpers. ----

    private static ulong[] Take(Rng rng, int count)
    {
        var values = new ulong[count];
        for (int i = 0; i < count; i++) values[i] = rng.NextUInt64();
        return values;
    }

    private static double[] Sample(Func<double> draw)
    {
        var values = new double[Draws];
        for (int i = 0; i < Draws; i++) values[i] = draw();
        return values;
    }

    private static void AssertMoments(double[] values, double mean, double variance, double meanTolerance, double varianceTolerance)
    {
        double actualMean = values.Average();
        double actualVariance = values.Sum(v => (v - actualMean) * (v - actualMean)) / (values.Length - 1);
        Assert.InRange(actualMean, mean - meanTolerance, mean + meanTolerance);
        Assert.InRange(actualVariance, variance - varianceTolerance, variance + varianceTolerance);
    }

    private static double ChiSquare(IReadOnlyList<int> counts, IReadOnlyList<double> probabilities)
    {
        double total = counts.Sum();
        double statistic = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            double expected = total * probabilities[i];
            statistic += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        return statistic;
    }
}
