namespace AgentLab.Channels.BitVector;

/// <summary>
/// What a bit-vector channel asks the decoder to evaluate in one step: a list of evaluations, each an image
/// of the batch, a latent vector z ∈ [0,1]^D (a configuration in {0,1}^D for discrete channels, a relaxed
/// sample for Gumbel) and the weight its loss has in the image's objective (the configuration's probability
/// for exact marginalization, 1 for a sample, 0 for a sample used only as a baseline). The objective's
/// derivative with respect to an evaluation's loss is therefore Weight / B. The buffers grow to the largest
/// plan seen and are reused, so the cost of a step follows the support size, not 2^D.
/// </summary>
public sealed class BitVectorPlan
{
    private int[] _image = new int[64];
    private float[] _weight = new float[64];
    private float[] _messages;

    public BitVectorPlan(int batch, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        Batch = batch;
        Bits = bits;
        _messages = new float[64 * bits];
        Kl = new double[batch];
    }

    public int Batch { get; }

    public int Bits { get; }

    /// <summary>Number of decoder evaluations in the plan.</summary>
    public int Count { get; private set; }

    /// <summary>True when the messages are relaxed (the channel wants d objective / d message back).</summary>
    public bool IsRelaxed { get; set; }

    /// <summary>
    /// KL(q_b ‖ uniform prior) per image, in nats, of the distribution the plan evaluates: D log 2 − H(q) for a
    /// sparse distribution over configurations, the sum of the bits' KLs for factorised Bernoulli channels.
    /// </summary>
    public double[] Kl { get; }

    public ReadOnlySpan<int> Image => _image.AsSpan(0, Count);

    public ReadOnlySpan<float> Weight => _weight.AsSpan(0, Count);

    /// <summary>The latent vectors, [Count, Bits] row-major.</summary>
    public ReadOnlySpan<float> Messages => _messages.AsSpan(0, Count * Bits);

    public Span<float> Message(int evaluation) => _messages.AsSpan(evaluation * Bits, Bits);

    public void Clear()
    {
        Count = 0;
        IsRelaxed = false;
        Array.Clear(Kl);
    }

    /// <summary>Appends an evaluation and returns its latent vector (zeroed) for the caller to fill.</summary>
    public Span<float> Add(int image, float weight)
    {
        if ((uint)image >= (uint)Batch) throw new ArgumentOutOfRangeException(nameof(image), image, $"must be in [0, {Batch})");
        if (Count == _image.Length)
        {
            Array.Resize(ref _image, 2 * Count);
            Array.Resize(ref _weight, 2 * Count);
            Array.Resize(ref _messages, 2 * Count * Bits);
        }
        _image[Count] = image;
        _weight[Count] = weight;
        var message = _messages.AsSpan(Count * Bits, Bits);
        message.Clear();
        Count++;
        return message;
    }

    /// <summary>Mean decoder evaluations per image.</summary>
    public double DecoderCallsPerImage => (double)Count / Batch;
}
