using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

public class TrainingStateTests
{
    [Fact]
    public void ResumingFromACheckpointContinuesBitForBit()
    {
        using var dir = new TempDirectory();
        // Train 6 steps straight; and 3 steps, checkpoint, rebuild everything from the file, 3 more steps.
        var straight = new Learner(11);
        for (int i = 0; i < 6; i++) straight.Step();

        var first = new Learner(11);
        for (int i = 0; i < 3; i++) first.Step();
        string path = Path.Combine(dir.Path, "ck.bin");
        var entries = new List<CheckpointEntry>();
        var metadata = new Dictionary<string, string>();
        TrainingState.AddParameters(entries, first.Mlp.Parameters(), 3);
        TrainingState.AddOptimizer(entries, metadata, first.Adam, "opt");
        TrainingState.AddRng(metadata, "rng", first.Rng);
        CheckpointFile.Write(path, entries, metadata);

        var resumed = new Learner(999);   // different initial weights and stream: all must come from the file
        var checkpoint = CheckpointFile.Read(path);
        TrainingState.LoadParameters(checkpoint, resumed.Mlp.Parameters());
        TrainingState.LoadOptimizer(checkpoint, resumed.Adam, "opt");
        TrainingState.LoadRng(checkpoint, "rng", resumed.Rng);
        for (int i = 0; i < 3; i++) resumed.Step();

        Assert.Equal(straight.Bits(), resumed.Bits());
        Assert.Equal(6, resumed.Adam.StepCount);
    }

    [Fact]
    public void NonFiniteParametersNeverReachACheckpoint()
    {
        var p = new Parameter("sender.lin4.weight", new Tensor([1f, float.NaN], 2));
        var ex = Assert.Throws<NonFiniteException>(() => TrainingState.AddParameters(new List<CheckpointEntry>(), [p], 1234));
        Assert.Contains("step 1234", ex.Message);
        Assert.Contains("sender.lin4.weight", ex.Message);
    }

    [Fact]
    public void ShapeMismatchOnLoadNamesFileEntryAndShapes()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "ck.bin");
        CheckpointFile.Write(path, [new CheckpointEntry("w", [2, 3], new float[6])], new Dictionary<string, string>());
        var ex = Assert.Throws<CheckpointException>(() => TrainingState.LoadParameters(CheckpointFile.Read(path), [new Parameter("w", new Tensor(3, 2))]));
        Assert.Contains(path, ex.Message);
        Assert.Contains("\"w\"", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
    }

    private sealed class Learner
    {
        private readonly Tape _tape = new();
        public Learner(ulong seed)
        {
            Rng = new Rng(seed);
            Mlp = new Mlp("m", [4, 8, 3], Rng);
            Adam = new Adam(Mlp.Parameters(), 0.01f);
        }
        public Rng Rng { get; }
        public Mlp Mlp { get; }
        public Adam Adam { get; }

        public void Step()
        {
            // Fresh random data from the learner's own stream: resuming must restore the stream too.
            var x = new Tensor(5, 4);
            Rng.FillNormal(x.Span);
            int[] labels = Enumerable.Range(0, 5).Select(_ => Rng.NextInt(3)).ToArray();
            Adam.ZeroGrad();
            _tape.Backward(_tape.CrossEntropy(Mlp.Forward(_tape, _tape.Constant(x)), labels));
            Adam.Step();
            _tape.Reset();
        }

        public int[] Bits() => Mlp.Parameters().SelectMany(p => p.Value.Data).Select(BitConverter.SingleToInt32Bits).ToArray();
    }
}
