using AgentLab.Memory;
using AgentLab.Numerics;

namespace AgentLab.Tests.Memory;

public class HopfieldMemoryTests
{
    private static float[] Row(params float[] v) => v;

    private static HopfieldMemory ThreePatterns()
    {
        var memory = new HopfieldMemory(3, capacity: 1);
        Assert.Equal(0, memory.Store(Row(1, 1, -1)));
        Assert.Equal(1, memory.Store(Row(-1, 1, 1)));
        Assert.Equal(2, memory.Store(Row(1, -1, 1)));
        return memory;
    }

    [Fact]
    public void Store_replace_and_remove_keep_positions()
    {
        var memory = ThreePatterns();
        Assert.Equal(3, memory.Count);
        Assert.Equal(3, memory.Dimension);
        memory.Replace(1, Row(0, 2, 0));
        Assert.Equal(Row(0, 2, 0), memory.Pattern(1).ToArray());
        memory.Remove(0);
        Assert.Equal(2, memory.Count);
        Assert.Equal(Row(0, 2, 0), memory.Pattern(0).ToArray()); // later indices shift down
        Assert.Equal(Row(1, -1, 1), memory.Pattern(1).ToArray());
        Assert.Equal(new float[] { 0, 2, 0, 1, -1, 1 }, memory.Patterns.ToArray());
        memory.Clear();
        Assert.Equal(0, memory.Count);
    }

    [Fact]
    public void Recall_sees_every_change_including_the_cached_post_transform()
    {
        var memory = ThreePatterns();
        var options = new RecallOptions(RetrievalMap.Sparsemax, 10, PostTransform.L2, 1, false);
        var first = memory.Recall(Row(0.9f, 0.8f, -0.7f), options);
        Assert.Equal([0], first.Supports[0]);
        memory.Replace(0, Row(-5, -5, 5));
        var second = memory.Recall(Row(0.9f, 0.8f, -0.7f), options);
        Assert.DoesNotContain(0, second.Supports[0]);
        memory.Remove(0);
        var third = memory.Recall(Row(-1, 1, 1), options);
        Assert.Equal(2, third.MemoryCount);
        Assert.Equal([0], third.Supports[0]);
        float s = 1 / MathF.Sqrt(3);
        float[] normalized = [-s, s, s]; // the l2-normalised pattern
        for (int i = 0; i < 3; i++) Assert.Equal(normalized[i], third.Retrieved[i], 1e-6f);
    }

    [Fact]
    public void Bad_patterns_and_queries_are_rejected_with_a_clear_error()
    {
        var memory = new HopfieldMemory(2);
        var options = new RecallOptions(RetrievalMap.Softmax, 1, PostTransform.Identity, 1, false);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => memory.Recall(Row(1, 2), options)).Message);
        Assert.Throws<ShapeException>(() => memory.Store(Row(1, 2, 3)));
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => memory.Store(Row(1, float.NaN))).Message);
        memory.Store(Row(1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Remove(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Replace(-1, Row(0, 0)));
        Assert.Throws<ShapeException>(() => memory.Recall(Row(1, 2, 3), options));
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => memory.Recall(Row(float.PositiveInfinity, 0), options)).Message);
        Assert.Equal("beta", Assert.Throws<ArgumentException>(() => memory.Recall(Row(1, 2), options with { Beta = 0 })).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => memory.Recall(Row(1, 2), options with { MaxSteps = 0 })).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => memory.Recall(Row(1, 2), options with { Map = RetrievalMap.KSubsets(2) })).ParamName);
        Assert.Equal("post", Assert.Throws<ArgumentException>(() =>
            memory.Recall(Row(1, 2), options with { Post = PostTransform.L2, ComputeEnergy = true })).ParamName);
    }

    [Fact]
    public void Map_names_parse_and_name_the_bad_parameter()
    {
        foreach (string name in RetrievalMap.Names)
        {
            double? alpha = name is "entmax" or "normmax" ? 1.5 : null;
            int? k = name == "ksubsets" ? 3 : null;
            Assert.Equal(name, RetrievalMap.Parse(name, alpha, k).Name);
        }
        Assert.Equal(2, RetrievalMap.Parse("sequential-ksubsets").K);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => RetrievalMap.Parse("hardmax")).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => RetrievalMap.Parse("entmax")).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => RetrievalMap.Parse("normmax", alpha: 1)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => RetrievalMap.Parse("sparsemax", alpha: 2)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => RetrievalMap.Parse("ksubsets")).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => RetrievalMap.Parse("ksubsets", k: 0)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => RetrievalMap.Parse("softmax", k: 2)).ParamName);
        Assert.Equal(PostTransform.LayerNorm, PostTransformNames.Parse("layernorm"));
        Assert.Equal("l2", PostTransform.L2.ToName());
    }

    [Fact]
    public void Stop_when_stable_gives_each_query_its_own_step_count_and_the_fixed_run_result()
    {
        var rand = new Random(8);
        int n = 30, d = 12, b = 9;
        var x = Enumerable.Range(0, n * d).Select(_ => (float)(rand.NextDouble() * 2 - 1)).ToArray();
        var q = Enumerable.Range(0, b * d).Select(_ => (float)(rand.NextDouble() * 2 - 1)).ToArray();
        var memory = new HopfieldMemory(d);
        for (int i = 0; i < n; i++) memory.Store(x.AsSpan(i * d, d));
        var options = new RecallOptions(RetrievalMap.Sparsemax, 0.7, PostTransform.Identity, 40, StopWhenStable: true);
        var early = memory.Recall(q, options);
        var full = memory.Recall(q, options with { StopWhenStable = false });
        Assert.All(early.Steps, s => Assert.InRange(s, 2, 40));
        Assert.All(full.Steps, s => Assert.Equal(40, s));
        Assert.True(early.Steps.Distinct().Count() > 1, "queries converge at different updates");
        for (int i = 0; i < b * d; i++) Assert.Equal(full.Retrieved[i], early.Retrieved[i], 5);
        for (int r = 0; r < b; r++) Assert.Equal(full.Supports[r], early.Supports[r]);
    }

    [Theory]
    [InlineData("softmax")]
    [InlineData("sparsemax")]
    [InlineData("entmax15")]
    [InlineData("normmax")]
    [InlineData("ksubsets")]
    public void The_update_never_increases_the_energy(string name)
    {
        var map = name switch { "normmax" => RetrievalMap.Normmax(3), "ksubsets" => RetrievalMap.KSubsets(3), _ => RetrievalMap.Parse(name) };
        var rand = new Random(4);
        int n = 20, d = 6, b = 5;
        var x = Enumerable.Range(0, n * d).Select(_ => rand.NextDouble() * 2 - 1).ToArray();
        var q = Enumerable.Range(0, b * d).Select(_ => rand.NextDouble() * 2 - 1).ToArray();
        var previous = HopfieldEnergy.Compute<double>(map, 1.3, x, n, q, d);
        for (int step = 1; step <= 8; step++)
        {
            var result = HopfieldRecall.Run<double>(x, n, q, d, new RecallOptions(map, 1.3, PostTransform.Identity, step, false, ComputeEnergy: true));
            for (int r = 0; r < b; r++) Assert.True(result.Energy![r] <= previous[r] + 1e-12, $"step {step} query {r}: {result.Energy[r]} > {previous[r]}");
            previous = result.Energy!;
        }
    }

    [Theory]
    [InlineData("softmax", 0.3, PostTransform.L2)]
    [InlineData("softmax", 60.0, PostTransform.L2)]
    [InlineData("sparsemax", 0.3, PostTransform.L2)]
    [InlineData("sparsemax", 5.0, PostTransform.L2)]
    [InlineData("sparsemax", 3.0, PostTransform.Identity)]
    [InlineData("sparsemax", 0.5, PostTransform.LayerNorm)]
    [InlineData("entmax15", 2.0, PostTransform.L2)]
    [InlineData("entmax15", 1.0, PostTransform.LayerNorm)]
    [InlineData("normmax", 1.0, PostTransform.L2)]
    [InlineData("normmax", 2.0, PostTransform.Identity)]
    [InlineData("ksubsets", 1.0, PostTransform.L2)]
    [InlineData("sequential-ksubsets", 1.0, PostTransform.L2)]
    public void Float_batches_match_the_double_recall_on_every_path(string name, double beta, PostTransform post)
    {
        // 37 queries x 2 later updates ≥ 50 memories, so sparse maps take the Gram path after a sparse update;
        // large beta makes P sparse enough for the support-row product; the map is serial or in parallel chunks.
        var map = RetrievalMap.Parse(name, name == "normmax" ? 2 : null, name == "ksubsets" ? 2 : null);
        var rand = new Random(6);
        int n = 50, d = 8, b = 37;
        var x = Enumerable.Range(0, n * d).Select(_ => (float)(rand.NextDouble() * 2 - 1)).ToArray();
        var q = Enumerable.Range(0, b * d).Select(_ => (float)(rand.NextDouble() * 2 - 1)).ToArray();
        var memory = new HopfieldMemory(d);
        for (int i = 0; i < n; i++) memory.Store(x.AsSpan(i * d, d));
        var options = new RecallOptions(map, beta, post, 3, false);
        var single = memory.Recall(q, options);
        var reference = HopfieldRecall.Run<double>(x.Select(v => (double)v).ToArray(), n, q.Select(v => (double)v).ToArray(), d, options);
        for (int i = 0; i < b * d; i++) Assert.Equal(reference.Retrieved[i], single.Retrieved[i], 1e-4);
        for (int i = 0; i < b * n; i++) Assert.Equal(reference.Weights[i], single.Weights[i], 1e-4);
    }

    [Fact]
    public void Float_softmax_weights_hold_no_denormals()
    {
        var memory = ThreePatterns();
        var result = memory.Recall(Row(0.9f, 0.8f, -0.7f), new RecallOptions(RetrievalMap.Softmax, 30, PostTransform.Identity, 1, false));
        Assert.All(result.Weights, w => Assert.True(w == 0 || float.IsNormal(w), $"{w} is subnormal"));
        Assert.Equal([0], result.Supports[0]);
    }
}
