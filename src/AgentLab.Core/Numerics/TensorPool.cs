namespace AgentLab.Numerics;

/// <summary>
/// Recycles the float arrays of a tape's intermediate tensors. A training step asks for the same sizes in
/// the same order every time, so after the first step no large array is allocated.
/// </summary>
internal sealed class TensorPool
{
    private readonly Dictionary<int, Stack<float[]>> _free = new();
    private readonly List<float[]> _lent = new();

    /// <summary>A tensor of the shape; zero-filled only when asked, since most ops overwrite it.</summary>
    public Tensor Rent(int[] shape, bool zeroed)
    {
        int size = ShapeOf.Size(shape);
        float[] data;
        if (_free.TryGetValue(size, out var stack) && stack.Count > 0)
        {
            data = stack.Pop();
            if (zeroed) Array.Clear(data);
        }
        else data = new float[size];
        _lent.Add(data);
        return new Tensor(data, shape);
    }

    /// <summary>Takes back everything lent since the last call.</summary>
    public void ReturnAll()
    {
        foreach (var data in _lent)
        {
            if (!_free.TryGetValue(data.Length, out var stack)) _free[data.Length] = stack = new Stack<float[]>();
            stack.Push(data);
        }
        _lent.Clear();
    }
}
