namespace AgentLab.Channels.Pathwise;

/// <summary>The point masses of a mixed bit on [0, 1]: P(y = 0), P(y = 1), and the rest on the open interval.</summary>
public readonly record struct BitFaceProbabilities(double Zero, double One)
{
    public double Interior => 1 - Zero - One;
}
