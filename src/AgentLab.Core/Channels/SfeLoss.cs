namespace AgentLab.Channels;

/// <summary>The loss a score-function estimator scores a sample with.</summary>
public enum SfeLoss
{
    /// <summary>L = −1 if the receiver's sampled pick is the target, else 0; the receiver is trained by SFE too.</summary>
    ZeroOne,
    /// <summary>L = −log q(target | z); the receiver is trained pathwise on the same loss.</summary>
    NegativeLogLikelihood,
}
