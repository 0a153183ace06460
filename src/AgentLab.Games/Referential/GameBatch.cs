using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// A batch of referential games: the target each sender sees [B, F], the candidates each receiver sees in
/// its own random order [B, G, F], and where the target is among them. Buffers are reused between batches.
/// </summary>
public sealed class GameBatch
{
    public GameBatch(int batch, int candidates, int features)
    {
        Targets = new Tensor(batch, features);
        Candidates = new Tensor(batch, candidates, features);
        TargetIndex = new int[batch];
    }

    public Tensor Targets { get; }
    public Tensor Candidates { get; }
    public int[] TargetIndex { get; }

    public int Size => TargetIndex.Length;
    public int CandidateCount => Candidates.Shape[1];
    public int Features => Candidates.Shape[2];
}
