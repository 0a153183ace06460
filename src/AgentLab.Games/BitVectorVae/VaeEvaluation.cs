namespace AgentLab.Games.BitVectorVae;

/// <summary>The negative ELBO over an image set: nats per image, bits per dimension, decoder calls per image.</summary>
public readonly record struct VaeEvaluation(double NegativeElbo, double BitsPerDimension, double DecoderCalls);
