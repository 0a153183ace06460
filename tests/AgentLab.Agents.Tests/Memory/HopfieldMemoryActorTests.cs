using AgentLab.Agents.Memory;
using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;
using AgentLab.Memory;
using AgentLab.Numerics;

namespace AgentLab.Agents.Tests.Memory;

/// <summary>The memory actor answers exactly as the memory it owns, and its patterns survive restarts.</summary>
public sealed class HopfieldMemoryActorTests : IDisposable
{
    private const int Dimension = 12;
    private static readonly TimeSpan Timeout = TaskTimeouts.Generous;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agentlab-memory-" + Guid.NewGuid().ToString("N"));

    private string CheckpointPath => Path.Combine(_directory, "memory.ckpt");

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static Tensor Patterns(int count, ulong seed)
    {
        var patterns = new Tensor(count, Dimension);
        new Rng(seed).FillNormal(patterns.Data);
        return patterns;
    }

    /// <summary>Noisy copies of the patterns, so that recall has something to do.</summary>
    private static Tensor Queries(Tensor patterns, ulong seed)
    {
        var queries = patterns.Clone();
        var noise = new float[queries.Length];
        new Rng(seed).FillNormal(noise, 0f, 0.3f);
        for (int i = 0; i < noise.Length; i++) queries.Data[i] += noise[i];
        return queries;
    }

    private static readonly RecallOptions[] Options =
    [
        new(RetrievalMap.Softmax, 0.5, PostTransform.Identity, 3, false),
        new(RetrievalMap.Sparsemax, 1, PostTransform.Identity, 5, true),
        new(RetrievalMap.Entmax15, 20, PostTransform.L2, 2, false),
        new(RetrievalMap.Normmax(2), 1, PostTransform.LayerNorm, 1, false),
        new(RetrievalMap.KSubsets(2), 1, PostTransform.Identity, 2, false),
    ];

    private static void AssertSame(RecallResult<float> expected, RecallResult<float> actual)
    {
        Assert.Equal(expected.Retrieved, actual.Retrieved);
        Assert.Equal(expected.Weights, actual.Weights);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Supports.Length, actual.Supports.Length);
        for (int b = 0; b < expected.Supports.Length; b++) Assert.Equal(expected.Supports[b], actual.Supports[b]);
    }

    private static async Task<RecallResult<float>> RecallAsync(ActorRef memory, Tensor queries, RecallOptions? options = null) =>
        (await memory.Ask<Recalled>(new Recall(queries, options), Timeout)).Result;

    private static async Task<List<RecallResult<float>>> RecallAllAsync(ActorRef memory, Tensor queries)
    {
        var results = new List<RecallResult<float>>();
        foreach (var options in Options) results.Add(await RecallAsync(memory, queries, options));
        return results;
    }

    [Fact]
    public async Task StoreRecallAndForgetThroughTheActorEqualDirectCalls()
    {
        await using var system = TestSystems.Create();
        var actor = system.Spawn("memory", () => new HopfieldMemoryActor(Dimension));
        var direct = new HopfieldMemory(Dimension);
        var patterns = Patterns(6, 1);
        var queries = Queries(patterns, 2);

        var stored = await actor.Ask<Stored>(new Store(patterns), Timeout);
        var directIndices = Enumerable.Range(0, patterns.RowCount).Select(i => direct.Store(patterns.Row(i))).ToArray();
        Assert.Equal(directIndices, stored.Indices);
        Assert.Equal(6, stored.Count);
        var one = Patterns(1, 3);
        Assert.Equal(new[] { direct.Store(one.Data) }, (await actor.Ask<Stored>(new Store(new Tensor(one.Data, Dimension)), Timeout)).Indices);

        foreach (var options in Options) AssertSame(direct.Recall(queries, options), await RecallAsync(actor, queries, options));

        direct.Remove(2);
        var forgotten = await actor.Ask<Forgotten>(new Forget(2), Timeout);
        Assert.Equal((2, direct.Count), (forgotten.Index, forgotten.Count));
        foreach (var options in Options) AssertSame(direct.Recall(queries, options), await RecallAsync(actor, queries, options));
    }

    [Fact]
    public async Task ARecallWithoutOptionsUsesTheActorsDefaults()
    {
        var defaults = Options[1];
        await using var system = TestSystems.Create();
        var actor = system.Spawn("memory", () => new HopfieldMemoryActor(Dimension, defaultOptions: defaults));
        var patterns = Patterns(5, 4);
        await actor.Ask<Stored>(new Store(patterns), Timeout);
        var queries = Queries(patterns, 5);
        AssertSame(await RecallAsync(actor, queries, defaults), await RecallAsync(actor, queries));
    }

    [Fact]
    public async Task AfterACrashTheSupervisorRestartsTheMemoryFromItsCheckpointAndRecallGivesTheSameAnswers()
    {
        await using var system = TestSystems.Create();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Default, new Probe()));
        var instances = new Counter();
        var memory = await supervisor.SpawnChildAsync("memory", () =>
        {
            instances.Increment();
            return new HopfieldMemoryActor(Dimension, CheckpointPath);
        });
        var patterns = Patterns(8, 6);
        var queries = Queries(patterns, 7);
        await memory.Ask<Stored>(new Store(patterns), Timeout);
        await memory.Ask<Forgotten>(new Forget(0), Timeout);
        var before = await RecallAllAsync(memory, queries);

        // A pattern of the wrong dimension makes the actor throw: its supervisor restarts it.
        await Assert.ThrowsAsync<ActorFailedException>(() => memory.Ask<Stored>(new Store(new Tensor(Dimension + 1)), Timeout));
        // A batch with a non-finite value fails before storing anything.
        var poisoned = Patterns(3, 8);
        poisoned[2, 5] = float.NaN;
        await Assert.ThrowsAsync<ActorFailedException>(() => memory.Ask<Stored>(new Store(poisoned), Timeout));

        for (int i = 0; i < Options.Length; i++) AssertSame(before[i], await RecallAsync(memory, queries, Options[i]));
        Assert.Equal(3, instances.Value);
        Assert.Equal(7, (await memory.Ask<Stored>(new Store(Patterns(1, 9)), Timeout)).Indices[0]);
    }

    [Fact]
    public async Task ANewActorOnTheSameCheckpointRecallsWhatTheOldOneStored()
    {
        var patterns = Patterns(10, 10);
        var queries = Queries(patterns, 11);
        List<RecallResult<float>> before;
        await using (var first = TestSystems.Create())
        {
            var memory = first.Spawn("memory", () => new HopfieldMemoryActor(Dimension, CheckpointPath));
            await memory.Ask<Stored>(new Store(patterns), Timeout);
            await memory.Ask<Forgotten>(new Forget(9), Timeout);
            before = await RecallAllAsync(memory, queries);
        }

        await using var second = TestSystems.Create();
        var restarted = second.Spawn("memory", () => new HopfieldMemoryActor(Dimension, CheckpointPath));
        for (int i = 0; i < Options.Length; i++) AssertSame(before[i], await RecallAsync(restarted, queries, Options[i]));
        var reloaded = HopfieldMemoryCheckpoint.Load(CheckpointPath, Dimension);
        Assert.Equal(9, reloaded.Count);
        Assert.Equal(patterns.Data.AsSpan(0, 9 * Dimension).ToArray(), reloaded.Patterns.ToArray());
    }

    [Fact]
    public void ACheckpointOfAnotherDimensionIsRefusedNamingTheFile()
    {
        var memory = new HopfieldMemory(Dimension);
        memory.Store(Patterns(1, 12).Data);
        HopfieldMemoryCheckpoint.Save(CheckpointPath, memory);
        var e = Assert.Throws<CheckpointException>(() => HopfieldMemoryCheckpoint.Load(CheckpointPath, Dimension + 1));
        Assert.Contains(CheckpointPath, e.Message);
        Assert.Contains($"expected [N, {Dimension + 1}]", e.Message);
    }

    [Fact]
    public async Task AVolatileMemoryStartsEmptyAfterARestart()
    {
        await using var system = TestSystems.Create();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Default, new Probe()));
        var memory = await supervisor.SpawnChildAsync("memory", () => new HopfieldMemoryActor(Dimension));
        await memory.Ask<Stored>(new Store(Patterns(4, 13)), Timeout);
        await Assert.ThrowsAsync<ActorFailedException>(() => memory.Ask<Forgotten>(new Forget(4), Timeout));
        Assert.Equal(new[] { 0 }, (await memory.Ask<Stored>(new Store(Patterns(1, 14)), Timeout)).Indices);
    }
}
