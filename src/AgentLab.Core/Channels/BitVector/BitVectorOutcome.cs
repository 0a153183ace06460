namespace AgentLab.Channels.BitVector;

/// <summary>
/// One step of a bit-vector channel, batch means: the value of the surrogate the optimizer minimised, the
/// reconstruction term E_q[−log p(x|z)] and KL(q ‖ prior) as the plan evaluated them (nats per image), and
/// the decoder evaluations per image.
/// </summary>
public readonly record struct BitVectorOutcome(double Objective, double Reconstruction, double Kl, double DecoderCalls)
{
    /// <summary>The negative ELBO estimate, E_q[−log p(x|z)] + KL(q ‖ prior), in nats per image.</summary>
    public double NegativeElbo => Reconstruction + Kl;
}
