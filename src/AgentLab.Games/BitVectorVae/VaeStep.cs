using AgentLab.Channels;
using AgentLab.Channels.BitVector;
using AgentLab.Numerics;

namespace AgentLab.Games.BitVectorVae;

/// <summary>
/// One training step and the evaluation of the bit-vector VAE. The encoder's scores go to the channel, which
/// plans the decoder evaluations (the support of a sparse distribution, or samples); the decoder runs once per
/// evaluation, in chunks so that memory stays bounded however wide the support, and back-propagates each loss
/// with its weight / B at once (the weights are known from the plan); the channel turns the losses into the
/// scores' cotangent, and the encoder back-propagates it. One Adam step updates both networks.
/// </summary>
public sealed class VaeStep
{
    /// <summary>Decoder evaluations per chunk: [64·784, 256] logits are 51 MB.</summary>
    public const int Chunk = 64;

    private readonly VaeNetworks _networks;
    private readonly IBitVectorChannel _channel;
    private readonly Tape _encoderTape = new();
    private readonly Tape _decoderTape = new();
    private readonly BitVectorPlan _plan;
    private readonly Tensor _dScores;
    private readonly int[] _labels;
    private float[] _losses = [];
    private float[] _dMessages = [];

    public VaeStep(VaeNetworks networks, IBitVectorChannel channel, ChannelContext context, int batch)
    {
        _networks = networks;
        _channel = channel;
        Context = context;
        _plan = new BitVectorPlan(batch, networks.Bits);
        _dScores = new Tensor(batch, networks.Bits);
        _labels = new int[Chunk * networks.Pixels];
    }

    public ChannelContext Context { get; }

    /// <summary>Trains on images [B, pixels] in [0, 1] with grey levels <paramref name="levels"/> [B·pixels].</summary>
    public BitVectorOutcome Train(Tensor images, byte[] levels)
    {
        var outcome = AccumulateGradients(images, levels);
        _networks.Optimizer.Step();
        _networks.Optimizer.ZeroGrad();
        Context.Step++;
        return outcome;
    }

    /// <summary>
    /// Adds d objective / d parameters of one step to every parameter's gradient, without stepping the optimizer
    /// or the step counter (<see cref="Train"/> does both).
    /// </summary>
    public BitVectorOutcome AccumulateGradients(Tensor images, byte[] levels)
    {
        _encoderTape.Reset();
        var scores = _networks.Encode(_encoderTape, _encoderTape.Constant(images, "images"));
        NonFiniteException.ThrowIfNonFinite(scores.Value.Data, "bit scores", Context.Step);
        _channel.Plan(scores.Value, _plan, Context, training: true);
        Decode(levels, training: true);
        var outcome = _channel.Assess(scores.Value, _plan, _losses.AsSpan(0, _plan.Count), images, Context, _dScores);
        if (_plan.IsRelaxed) _channel.AddMessageCotangent(_plan, _dMessages.AsSpan(0, _plan.Count * _plan.Bits), _dScores);
        _encoderTape.Backward(scores, _dScores.Data);
        _encoderTape.Reset();
        return outcome;
    }

    /// <summary>
    /// The negative ELBO of each image (nats) under the channel's evaluation plan into
    /// <paramref name="negativeElbo"/>[b], and the decoder evaluations each image took into <paramref name="calls"/>[b].
    /// </summary>
    public void Evaluate(Tensor images, byte[] levels, Span<double> negativeElbo, Span<int> calls)
    {
        _encoderTape.Reset();
        using (_encoderTape.NoGrad())
        {
            var scores = _networks.Encode(_encoderTape, _encoderTape.Constant(images, "images"));
            _channel.Plan(scores.Value, _plan, Context, training: false);
        }
        using (_decoderTape.NoGrad()) Decode(levels, training: false);
        for (int b = 0; b < _plan.Batch; b++)
        {
            negativeElbo[b] = _plan.Kl[b];
            calls[b] = 0;
        }
        for (int e = 0; e < _plan.Count; e++)
        {
            negativeElbo[_plan.Image[e]] += _plan.Weight[e] * (double)_losses[e];
            calls[_plan.Image[e]]++;
        }
        _encoderTape.Reset();
    }

    private void Decode(byte[] levels, bool training)
    {
        int count = _plan.Count, bits = _plan.Bits, pixels = _networks.Pixels;
        if (_losses.Length < count) _losses = new float[count];
        if (training && _plan.IsRelaxed && _dMessages.Length < count * bits) _dMessages = new float[count * bits];
        for (int start = 0; start < count; start += Chunk)
        {
            int n = Math.Min(Chunk, count - start);
            _decoderTape.Reset();
            var zValue = _decoderTape.NewTensor([n, bits]);
            _plan.Messages.Slice(start * bits, n * bits).CopyTo(zValue.Data);
            var z = training && _plan.IsRelaxed ? _decoderTape.Input(zValue, "z") : _decoderTape.Constant(zValue, "z");
            for (int e = 0; e < n; e++)
            {
                int image = _plan.Image[start + e];
                for (int p = 0; p < pixels; p++) _labels[e * pixels + p] = levels[image * pixels + p];
            }
            var losses = _networks.Reconstruction(_decoderTape, z, _labels);
            losses.Value.Data.CopyTo(_losses, start);
            NonFiniteException.ThrowIfNonFinite(losses.Value.Data, "reconstruction losses", Context.Step);
            if (!training) continue;
            var cotangent = new float[n];
            for (int e = 0; e < n; e++) cotangent[e] = _plan.Weight[start + e] / _plan.Batch;
            _decoderTape.Backward(losses, cotangent);
            if (_plan.IsRelaxed) z.Grad!.Data.CopyTo(_dMessages, start * bits);
        }
        _decoderTape.Reset();
    }
}
