using System.Globalization;
using AgentLab.Memory;

namespace AgentLab.Cli;

/// <summary>The parsed command line of <c>agentlab recall</c>.</summary>
internal sealed record RecallArguments(bool Help, RecallOptions Options)
{
    public const string Usage = """
        usage: agentlab recall [--transform NAME] [--alpha A] [--k K] [--beta B] [--post identity|l2|layernorm] [--steps T] [--until-stable]

        Hopfield recall, in double, of the JSON on stdin: {"memories": [[...], ...], "queries": [[...], ...]} (N x D and B x D).
        Each update is p = yhat(beta X q), q = post(X^T p); post is applied once to the memories and the queries first.
        Writes {"retrieved": [[...]], "p": [[...]], "support": [[...]], "steps": [...]} (state and weights after the
        last update; "energy": [...] too for the identity post).

          --transform NAME  softmax (default), sparsemax, entmax15, entmax (needs --alpha), normmax (needs --alpha, the
                            gamma of gamma-normmax), ksubsets (needs --k; p are SparseMAP marginals summing to k),
                            sequential-ksubsets (--k, default 2; consecutive selected memories score 1e8)
          --alpha A         alpha of entmax / gamma of normmax, > 1
          --k K             memories selected by the k-subsets maps, 1..N
          --beta B          inverse temperature, > 0 (default 1)
          --post P          identity (default), l2, layernorm
          --steps T         updates, >= 1 (default 1; the reference runs a fixed count, no early stop)
          --until-stable    stop a query early once p repeats exactly ("steps" then says how many updates it took)
        Bad arguments or input print one line on stderr and exit with code 2.
        """;

    public static RecallArguments Parse(string[] args)
    {
        string? transform = null, post = null;
        double? alpha = null, beta = null;
        int? k = null, steps = null;
        bool untilStable = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h") return new RecallArguments(true, new RecallOptions(RetrievalMap.Softmax, 1, PostTransform.Identity, 1, false));
            if (arg == "--until-stable")
            {
                untilStable = true;
                continue;
            }
            if (arg is not ("--transform" or "--alpha" or "--k" or "--beta" or "--post" or "--steps"))
                throw new CliInputException($"unknown argument \"{arg}\" (expected --transform, --alpha, --k, --beta, --post, --steps, --until-stable or --help)");
            if (i + 1 >= args.Length) throw new CliInputException($"{arg} needs a value");
            string value = args[++i];
            switch (arg)
            {
                case "--transform":
                    transform = Once(transform, arg, value);
                    break;
                case "--post":
                    post = Once(post, arg, value);
                    break;
                case "--alpha":
                    alpha = Once(alpha, arg, Number(arg, value));
                    if (!(alpha > 1)) throw new CliInputException($"--alpha must be greater than 1, got {value}");
                    break;
                case "--beta":
                    beta = Once(beta, arg, Number(arg, value));
                    if (!(beta > 0)) throw new CliInputException($"--beta must be a positive number, got {value}");
                    break;
                case "--k":
                    k = Once(k, arg, PositiveInteger(arg, value));
                    break;
                case "--steps":
                    steps = Once(steps, arg, PositiveInteger(arg, value));
                    break;
            }
        }
        RetrievalMap map;
        try
        {
            map = RetrievalMap.Parse(transform ?? "softmax", alpha, k);
        }
        catch (ArgumentException e)
        {
            // Name the option the user typed.
            string option = e.ParamName is "alpha" or "k" ? "--" + e.ParamName : "--transform";
            throw new CliInputException($"{option}: {MessageOf(e)}");
        }
        PostTransform postTransform;
        try
        {
            postTransform = PostTransformNames.Parse(post ?? "identity");
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"--post: {MessageOf(e)}");
        }
        return new RecallArguments(false, new RecallOptions(map, beta ?? 1.0, postTransform, steps ?? 1, untilStable));
    }

    /// <summary>An argument exception's message on one line, without the " (Parameter 'x')" suffix.</summary>
    public static string MessageOf(ArgumentException e)
    {
        string message = e.Message;
        if (e.ParamName is not null && message.EndsWith($" (Parameter '{e.ParamName}')", StringComparison.Ordinal))
            message = message[..^$" (Parameter '{e.ParamName}')".Length];
        return JsonIo.OneLine(message);
    }

    private static T Once<T>(T? current, string option, T value)
    {
        if (current is not null) throw new CliInputException($"{option} given twice");
        return value;
    }

    private static double Number(string option, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new CliInputException($"{option} must be a finite number, got \"{value}\"");
        return v;
    }

    private static int PositiveInteger(string option, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
            throw new CliInputException($"{option} must be a positive integer, got \"{value}\"");
        return parsed;
    }
}
