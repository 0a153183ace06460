using AgentLab.Numerics;

namespace AgentLab.Memory;

/// <summary>
/// Hopfield pooling (hopfield-layers' <c>HopfieldPooling</c>, one head, one update step): a learned state
/// pattern (the query) attends over a bag of instance embeddings. Keys K = post(instances W_kᵀ + b_k) [n x H]
/// are the stored patterns, q = post(query) [1 x H], p = yhat(β q Kᵀ) over the n instances, and the output is
/// p V with values V = instances W_vᵀ + b_v [n x O]. β is fixed, or learned when <c>learnBeta</c> (kept
/// positive as exp of a parameter). The bag size may change from call to call.
/// </summary>
public sealed class HopfieldPooling : Module
{
    private readonly Parameter? _logBeta;

    /// <param name="name">Prefix of the parameter names ("name.query", "name.keys.weight", ...).</param>
    /// <param name="inputDim">Instance embedding size.</param>
    /// <param name="hiddenDim">Size of the query and keys (the association space).</param>
    /// <param name="outputDim">Size of the pooled output.</param>
    /// <param name="map">The retrieval map over the instances.</param>
    /// <param name="beta">β (the initial value when learned), &gt; 0.</param>
    public HopfieldPooling(string name, int inputDim, int hiddenDim, int outputDim, RetrievalMap map, double beta, Rng rng,
        PostTransform post = PostTransform.Identity, bool learnBeta = false)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(rng);
        if (!double.IsFinite(beta) || !(beta > 0)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be positive and finite");
        Map = map;
        Beta = beta;
        Post = post;
        Keys = new Linear(name + ".keys", inputDim, hiddenDim, rng);
        Values = new Linear(name + ".values", inputDim, outputDim, rng);
        Query = new Parameter(name + ".query", new Tensor(1, hiddenDim));
        float bound = 1f / MathF.Sqrt(hiddenDim);
        rng.FillUniform(Query.Value.Span, -bound, bound);
        if (learnBeta)
        {
            _logBeta = new Parameter(name + ".log_beta", new Tensor(1));
            _logBeta.Value.Data[0] = (float)Math.Log(beta);
        }
    }

    public RetrievalMap Map { get; }

    /// <summary>The initial β (the current one is exp(log_beta) when learned).</summary>
    public double Beta { get; }

    public PostTransform Post { get; }

    public Linear Keys { get; }

    public Linear Values { get; }

    /// <summary>The learned state pattern [1 x hidden].</summary>
    public Parameter Query { get; }

    /// <summary>Pools a bag [n x input] into [1 x output].</summary>
    public Var Forward(Tape tape, Var instances) => Attend(tape, instances).Pooled;

    /// <summary>The pooled output [1 x output] and the attention weights p [1 x n] (their support is the instances used).</summary>
    public (Var Pooled, Var Weights) Attend(Tape tape, Var instances)
    {
        ShapeOf.RequireRank("hopfield_pooling", "instances", instances.Shape, 2);
        if (instances.Shape[0] < Math.Max(1, Map.K))
            throw new ShapeException($"hopfield_pooling: a bag of {instances.Shape[0]} instances is too small for {Map}");
        var keys = tape.ApplyPost(Keys.Forward(tape, instances), Post);
        var query = tape.ApplyPost(Query, Post);
        var raw = tape.MatMul(query, keys, transB: true);
        var scores = _logBeta is null ? tape.Scale(raw, (float)Beta) : tape.ScaleByScalar(raw, tape.Exp(_logBeta));
        var weights = tape.ApplyRetrievalMap(scores, Map);
        var pooled = tape.SupportProduct(weights, Values.Forward(tape, instances));
        return (pooled, weights);
    }

    public override IEnumerable<Parameter> Parameters()
    {
        yield return Query;
        foreach (var p in Keys.Parameters()) yield return p;
        foreach (var p in Values.Parameters()) yield return p;
        if (_logBeta is not null) yield return _logBeta;
    }
}
