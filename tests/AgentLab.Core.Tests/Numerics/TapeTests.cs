using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

public class TapeTests
{
    [Fact]
    public void ShapeMismatchNamesTheOpAndBothShapes()
    {
        var tape = new Tape();
        var ex = Assert.Throws<ShapeException>(() => tape.Add(tape.Constant(new Tensor(2, 3)), tape.Constant(new Tensor(3, 2))));
        Assert.Contains("add", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
        var mm = Assert.Throws<ShapeException>(() => tape.MatMul(tape.Constant(new Tensor(2, 3)), tape.Constant(new Tensor(4, 5))));
        Assert.Contains("matmul", mm.Message);
        Assert.Contains("[2, 3]", mm.Message);
        Assert.Contains("[4, 5]", mm.Message);
        var w = new Parameter("enc.weight", new Tensor(4, 5));
        var lin = Assert.Throws<ShapeException>(() => tape.Linear(tape.Constant(new Tensor(2, 3)), w));
        Assert.Contains("enc.weight", lin.Message);
        Assert.Throws<ShapeException>(() => new Tensor(new float[5], 2, 3));
    }

    [Fact]
    public void ParameterGradientsAccumulateAcrossBackwardPassesUntilZeroed()
    {
        var w = new Parameter("w", new Tensor([2f], 1, 1));
        var tape = new Tape();
        for (int i = 0; i < 2; i++)
        {
            var y = tape.Linear(tape.Constant(new Tensor([3f], 1, 1)), w);
            tape.Backward(tape.SumAll(y));
            tape.Reset();
        }
        Assert.Equal(6f, w.Gradient.Data[0]);
        w.ZeroGrad();
        Assert.Equal(0f, w.Gradient.Data[0]);
    }

    [Fact]
    public void NoGradRecordsNothingAndLeavesGradientsAlone()
    {
        var w = new Parameter("w", new Tensor([2f], 1, 1));
        var tape = new Tape();
        using (tape.NoGrad())
        {
            var y = tape.Linear(tape.Constant(new Tensor([3f], 1, 1)), w);
            Assert.False(y.RequiresGrad);
            Assert.Equal(6f, y.Value.Data[0]);
        }
        Assert.Equal(0, tape.RecordedOps);
        Assert.True(tape.IsRecording);
    }

    [Fact]
    public void InjectedCotangentFlowsToParametersAndToTheInput()
    {
        // An agent's output consumed by another agent: the cotangent arrives as data.
        var w = new Parameter("w", new Tensor([1f, 2f, 3f, 4f], 2, 2));
        var tape = new Tape();
        var x = tape.Input(new Tensor([1f, -1f], 1, 2), "received");
        var y = tape.Linear(x, w);                                  // y = [1-2, 3-4] = [-1, -1]
        tape.Backward(y, [0.5f, 2f]);
        Assert.Equal([0.5f, -0.5f, 2f, -2f], w.Gradient.Data);      // dW = cotᵀ x
        Assert.Equal([0.5f + 6f, 1f + 8f], x.Grad!.Data);           // dx = cot W
    }

    [Fact]
    public void SeveralSeededOutputsBackpropagateInOnePass()
    {
        var w = new Parameter("w", new Tensor([2f], 1, 1));
        var tape = new Tape();
        var y = tape.Linear(tape.Constant(new Tensor([3f], 1, 1)), w);
        var z = tape.Scale(y, 10f);
        tape.Seed(y, [1f]);
        tape.Seed(z, [1f]);
        tape.RunBackward();
        Assert.Equal(3f + 30f, w.Gradient.Data[0]);
    }

    [Fact]
    public void BackwardOfNonScalarWithoutCotangentIsRejected()
    {
        var tape = new Tape();
        var y = tape.Tanh(tape.Input(new Tensor(2, 2)));
        var ex = Assert.Throws<ShapeException>(() => tape.Backward(y));
        Assert.Contains("[2, 2]", ex.Message);
    }

    [Fact]
    public void ResetRecyclesBuffersSoLaterStepsAllocateNoTensorData()
    {
        var w = new Parameter("w", new Tensor(64, 64));
        var tape = new Tape();
        var x = new Tensor(32, 64);
        long Step()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var y = tape.Relu(tape.Linear(tape.Constant(x), w));
            tape.Backward(tape.SumAll(y));
            tape.Reset();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long first = Step();
        Step();
        long third = Step();
        // The first step allocates several 8 KiB activations and gradients; later ones only small closures.
        Assert.True(first > 4 * 32 * 64 * 4, $"first step allocated only {first} bytes");
        Assert.True(third < 32 * 64 * 4, $"a later step allocated {third} bytes");
    }

    [Fact]
    public void NonFiniteValuesAreReportedWithStepAndName()
    {
        var ex = Assert.Throws<NonFiniteException>(() => NonFiniteException.ThrowIfNonFinite([float.NaN], "loss", 42));
        Assert.Equal("step 42: \"loss\" is NaN", ex.Message);
        var inf = Assert.Throws<NonFiniteException>(() => NonFiniteException.ThrowIfNonFinite([0f, float.PositiveInfinity], "sender.w1.weight", 7));
        Assert.Contains("infinite at index 1", inf.Message);
        NonFiniteException.ThrowIfNonFinite([1f, -2f], "fine", 1);
    }
}
