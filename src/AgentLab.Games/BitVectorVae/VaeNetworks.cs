using AgentLab.Numerics;

namespace AgentLab.Games.BitVectorVae;

/// <summary>
/// The bit-vector VAE's networks as in the paper's public code (experiments/bit_vector-vae/archs.py):
/// encoder 784 → H → D (ReLU) followed by a log-softmax over the D bit scores; decoder D → H → 784·R
/// (ReLU), a log-softmax over those 784·R values, then a shared R → 256 linear map per pixel giving each
/// pixel's logits over its 256 grey levels. The two log-softmaxes are the reference's (its MLP class ends
/// with one); they are kept so the published numbers are comparable. One Adam trains both networks.
/// </summary>
public sealed class VaeNetworks
{
    public const int GreyLevels = 256;

    /// <param name="encoderLogSoftmax">
    /// The reference's log-softmax over the D bit scores. It makes every score about −log D &lt; −1, so top-k
    /// sparsemax and SparseMAP start (and, with a zero Jacobian on a single configuration, stay) at the
    /// all-zeros configuration; false gives the encoder's raw scores instead.
    /// </param>
    public VaeNetworks(int pixels, int bits, int hidden, int outRank, float learningRate, Rng rng, bool encoderLogSoftmax = true)
    {
        EncoderLogSoftmax = encoderLogSoftmax;
        Pixels = pixels;
        Bits = bits;
        OutRank = outRank;
        Encoder = new Mlp("encoder", [pixels, hidden, bits], rng);
        Decoder = new Mlp("decoder", [bits, hidden, pixels * outRank], rng);
        Output = new Linear("decoder.out", outRank, GreyLevels, rng);
        Optimizer = new Adam(Parameters(), learningRate);
    }

    public int Pixels { get; }

    public int Bits { get; }

    public int OutRank { get; }

    public bool EncoderLogSoftmax { get; }

    public Mlp Encoder { get; }

    public Mlp Decoder { get; }

    public Linear Output { get; }

    public Adam Optimizer { get; }

    public IEnumerable<Parameter> Parameters() => Encoder.Parameters().Concat(Decoder.Parameters()).Concat(Output.Parameters());

    /// <summary>Bit scores [B, D] of images [B, pixels] in [0, 1].</summary>
    public Var Encode(Tape tape, Var images)
    {
        var scores = Encoder.Forward(tape, images);
        return EncoderLogSoftmax ? tape.LogSoftmax(scores) : scores;
    }

    /// <summary>−log p(x | z) per latent vector: z [E, D], labels the E images' grey levels (E·pixels).</summary>
    public Var Reconstruction(Tape tape, Var z, int[] labels)
    {
        int evaluations = z.Shape[0];
        var h = tape.LogSoftmax(Decoder.Forward(tape, z));
        var logits = Output.Forward(tape, tape.Reshape(h, evaluations * Pixels, OutRank));
        return tape.PixelNll(logits, labels, evaluations);
    }
}
