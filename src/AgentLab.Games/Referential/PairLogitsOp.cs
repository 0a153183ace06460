using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// Receiver scores for chosen (game, message) pairs: out[p, i] = ⟨r[game_p, i], table[symbol_p]⟩, where
/// r [B, G, E] holds each game's candidate encodings (computed once per game, never per message).
/// A narrow support costs one G×E product per pair; when the pairs are many (dense marginalization, or a
/// sparse support early in training) one GEMM scores every message against every candidate instead and
/// the pairs are gathered from it.
/// </summary>
public static class PairLogitsOp
{
    /// <summary>Above this many pairs per game, the all-messages GEMM is cheaper than per-pair products.</summary>
    public const int WidePairsPerGame = 8;

    public static Var PairLogits(this Tape tape, Var candidates, Var table, int[] game, int[] symbol, int count)
    {
        ShapeOf.RequireRank("pair_logits", "candidate encodings", candidates.Shape, 3);
        ShapeOf.RequireRank("pair_logits", "message table", table.Shape, 2);
        int batch = candidates.Shape[0], g = candidates.Shape[1], e = candidates.Shape[2], vocab = table.Shape[0];
        if (table.Shape[1] != e)
            throw new ShapeException($"pair_logits: message table {ShapeOf.Format(table.Shape)} does not fit candidate encodings {ShapeOf.Format(candidates.Shape)} (embedding {e})");
        if (game.Length < count || symbol.Length < count)
            throw new ShapeException($"pair_logits: {count} pairs but index arrays of {game.Length} and {symbol.Length}");
        for (int p = 0; p < count; p++)
            if ((uint)game[p] >= (uint)batch || (uint)symbol[p] >= (uint)vocab)
                throw new ArgumentOutOfRangeException(nameof(game), $"pair_logits: pair {p} = (game {game[p]}, message {symbol[p]}) is outside {batch} games x {vocab} messages");

        var r = candidates.Value.Data; var t = table.Value.Data;
        var yv = tape.NewTensor([count, g]);
        bool wide = count > WidePairsPerGame * batch;
        Tensor? all = null;
        if (wide)
        {
            all = tape.NewTensor([batch * g, vocab]);
            Blas.Sgemm(false, true, batch * g, vocab, e, 1f, r, t, 0f, all.Data);
            for (int p = 0; p < count; p++)
                for (int i = 0; i < g; i++) yv.Data[p * g + i] = all.Data[(game[p] * g + i) * vocab + symbol[p]];
        }
        else
        {
            for (int p = 0; p < count; p++)
            {
                var m = t.AsSpan(symbol[p] * e, e);
                for (int i = 0; i < g; i++) yv.Data[p * g + i] = TensorPrimitives.Dot(r.AsSpan((game[p] * g + i) * e, e), m);
            }
        }
        var y = tape.Output(yv, "pair_logits", candidates, table);
        tape.Record(y, () =>
        {
            var dy = y.Grad!.Data;
            if (wide)
            {
                var dAll = tape.NewTensor([batch * g, vocab], zeroed: true).Data;
                for (int p = 0; p < count; p++)
                    for (int i = 0; i < g; i++) dAll[(game[p] * g + i) * vocab + symbol[p]] += dy[p * g + i];
                if (candidates.RequiresGrad) Blas.Sgemm(false, false, batch * g, e, vocab, 1f, dAll, t, 1f, tape.GradOf(candidates).Data);
                if (table.RequiresGrad) Blas.Sgemm(true, false, vocab, e, batch * g, 1f, dAll, r, 1f, tape.GradOf(table).Data);
                return;
            }
            for (int p = 0; p < count; p++)
            {
                var m = t.AsSpan(symbol[p] * e, e);
                var dm = table.RequiresGrad ? tape.GradOf(table).Data.AsSpan(symbol[p] * e, e) : default;
                for (int i = 0; i < g; i++)
                {
                    float d = dy[p * g + i];
                    if (d == 0f) continue;
                    int row = (game[p] * g + i) * e;
                    if (candidates.RequiresGrad) { var dr = tape.GradOf(candidates).Data.AsSpan(row, e); TensorPrimitives.MultiplyAdd(m, d, dr, dr); }
                    if (table.RequiresGrad) TensorPrimitives.MultiplyAdd(r.AsSpan(row, e), d, dm, dm);
                }
            }
        });
        return y;
    }
}
