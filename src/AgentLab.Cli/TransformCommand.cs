using System.Globalization;
using System.Text.Json;
using AgentLab.Sparse;

namespace AgentLab.Cli;

/// <summary>
/// <c>agentlab transform NAME [--alpha A] [--k K] [--temperature T] [--structure S] [--budget-kind B]</c>: applies a sparse transformation
/// row-wise, in double, to the JSON on stdin and writes JSON to stdout.
/// </summary>
/// <remarks>
/// Input: <c>{"z": [[...], ...], "dy": [[...]] (optional), "y": [[...]] (optional)}</c>; −Infinity (the string
/// "-Infinity") masks an entry of z. Output: <c>p</c>, <c>support</c> (indices with p &gt; 0 per row),
/// <c>vjp</c> = ∂⟨dy, p⟩/∂z when dy is given, and the Fenchel–Young <c>loss</c> per row with
/// <c>loss_grad</c> = ∂loss/∂z when a target distribution y is given. For topk-sparsemax z rows are the D bit
/// scores, --k is required, p, support and dy are over the k configurations, and the output adds
/// <c>configs</c> (bit strings best first), <c>config_scores</c> and <c>expected_bits</c>. sparsemap
/// (<c>--structure ksubsets|budget|sequence --k K [--budget-kind exact|at-most]</c>) is described in
/// <see cref="SparseMapTransform"/>.
/// Errors print one line on stderr and return 2.
/// </remarks>
public static class TransformCommand
{
    private const string Prefix = "agentlab transform: ";

    private static readonly string[] Names = ["softmax", "sparsemax", "entmax15", "entmax", "normmax", "topk-sparsemax", "sparsemap"];

    /// <summary>What <c>agentlab transform --help</c> prints.</summary>
    public const string Usage = """
        usage: agentlab transform NAME [--alpha A] [--k K] [--temperature T] < input.json
               agentlab transform sparsemap --structure ksubsets|budget|sequence --k K [--budget-kind exact|at-most] < input.json

        NAME: softmax, sparsemax, entmax15, entmax (--alpha A > 1, bisection), normmax (--alpha A > 1),
              topk-sparsemax (--k K: z rows are the D bit scores), sparsemap. Every map is applied row-wise, in
              double, to z/T (--temperature T, default 1).
        input:  {"z": [[...], ...], "dy": [[...]] (optional cotangent), "y": [[...]] (optional target distribution)};
                "-Infinity" masks an entry of z; sparsemap sequence also takes "pair" (n-1 pair scores per row).
        output: {"p", "support", "vjp" (with dy), "loss" and "loss_grad" (with y)}; topk-sparsemax adds "configs",
                "config_scores" and "expected_bits"; sparsemap gives "marginals", "active_set", "weights", "vjp".
        Bad arguments or input: one line on stderr, exit code 2.
        """;

    /// <param name="args">The arguments after the word "transform".</param>
    /// <returns>0 on success, 2 on invalid arguments or input, 1 on an unexpected failure.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args is ["--help"] or ["-h"])
            {
                stdout.WriteLine(Usage);
                return 0;
            }
            var options = TransformOptions.Parse(args, Names);
            using var document = JsonIo.Parse(stdin.ReadToEnd());
            var input = TransformInput.Read(document.RootElement, options);
            string json = options.Name switch
            {
                "topk-sparsemax" => RunTopK(options, input),
                "sparsemap" => SparseMapTransform.Run(options, input),
                _ => RunMap(options, input),
            };
            stdout.WriteLine(json);
            return 0;
        }
        catch (CliInputException e)
        {
            stderr.WriteLine(Prefix + e.Message);
            return 2;
        }
        catch (ArgumentException e)
        {
            // The kernels validate too (e.g. shapes, parameter ranges); their messages are user-facing.
            stderr.WriteLine(Prefix + JsonIo.OneLine(e.Message));
            return 2;
        }
        catch (Exception e)
        {
            stderr.WriteLine(Prefix + "internal error: " + JsonIo.OneLine(e.Message));
            return 1;
        }
    }

    private static string RunMap(TransformOptions options, TransformInput input)
    {
        int rows = input.Z.Length, cols = input.Z[0].Length;
        double[] z = JsonIo.Flatten(input.Z);
        double t = options.Temperature;
        var p = new double[z.Length];
        var supports = new RowSupports(rows, cols);
        Forward(options, z, p, rows, cols, supports);

        return WriteJson(writer =>
        {
            JsonIo.WriteMatrix(writer, "p", p, cols);
            WriteSupports(writer, supports);
            if (input.Dy is not null)
            {
                RequireShape(input.Dy, "dy", rows, cols);
                var vjp = new double[z.Length];
                Backward(options, p, JsonIo.Flatten(input.Dy), vjp, rows, cols, supports);
                JsonIo.WriteMatrix(writer, "vjp", vjp, cols);
            }
            if (input.Y is not null)
            {
                RequireShape(input.Y, "y", rows, cols);
                var losses = new double[rows];
                var grad = new double[z.Length];
                Loss(options, z, JsonIo.Flatten(input.Y), losses, grad, rows, cols);
                JsonIo.WriteVector(writer, "loss", losses);
                JsonIo.WriteMatrix(writer, "loss_grad", grad, cols);
            }
        });

        void Forward(TransformOptions o, double[] x, double[] probs, int r, int c, RowSupports s)
        {
            switch (o.Name)
            {
                case "softmax": Softmax.Forward(x, probs, r, c, t, s); break;
                case "sparsemax": Sparsemax.Forward(x, probs, r, c, t, s); break;
                case "entmax15": Entmax15.Forward(x, probs, r, c, t, s); break;
                case "entmax": EntmaxBisect.Forward(x, probs, r, c, o.Alpha!.Value, t, s); break;
                case "normmax": NormmaxBisect.Forward(x, probs, r, c, o.Alpha!.Value, t, s); break;
            }
        }

        void Backward(TransformOptions o, double[] probs, double[] dy, double[] dx, int r, int c, RowSupports s)
        {
            switch (o.Name)
            {
                case "softmax": Softmax.Backward(probs, dy, dx, r, c, t); break;
                case "sparsemax": Sparsemax.Backward(probs, dy, dx, r, c, t, s); break;
                case "entmax15": Entmax15.Backward(probs, dy, dx, r, c, t, s); break;
                case "entmax": EntmaxBisect.Backward(probs, dy, dx, r, c, o.Alpha!.Value, t, s); break;
                case "normmax": NormmaxBisect.Backward(probs, dy, dx, r, c, o.Alpha!.Value, t, s); break;
            }
        }

        void Loss(TransformOptions o, double[] x, double[] q, double[] losses, double[] grad, int r, int c)
        {
            switch (o.Name)
            {
                case "softmax": Softmax.Loss(x, q, losses, grad, r, c, t); break;
                case "sparsemax": Sparsemax.Loss(x, q, losses, grad, r, c, t); break;
                case "entmax15": Entmax15.Loss(x, q, losses, grad, r, c, t); break;
                case "entmax": EntmaxBisect.Loss(x, q, losses, grad, r, c, o.Alpha!.Value, t); break;
                case "normmax": NormmaxBisect.Loss(x, q, losses, grad, r, c, o.Alpha!.Value, t); break;
            }
        }
    }

    private static string RunTopK(TransformOptions options, TransformInput input)
    {
        int rows = input.Z.Length, bits = input.Z[0].Length, k = options.K!.Value;
        int count = TopKSparsemax.ConfigCount(bits, k);
        double[] z = JsonIo.Flatten(input.Z);
        var configs = new byte[rows * count * bits];
        var scores = new double[rows * count];
        var p = new double[rows * count];
        var expected = new double[rows * bits];
        var supports = new RowSupports(rows, count);
        TopKSparsemax.Forward(z, rows, bits, k, options.Temperature, configs, scores, p, expected, supports);

        return WriteJson(writer =>
        {
            writer.WriteStartArray("configs");
            for (int r = 0; r < rows; r++)
            {
                writer.WriteStartArray();
                for (int j = 0; j < count; j++)
                {
                    var config = configs.AsSpan((r * count + j) * bits, bits);
                    writer.WriteStringValue(string.Create(bits, config.ToArray(), (chars, b) =>
                    {
                        for (int i = 0; i < chars.Length; i++) chars[i] = b[i] == 1 ? '1' : '0';
                    }));
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            JsonIo.WriteMatrix(writer, "config_scores", scores, count);
            JsonIo.WriteMatrix(writer, "p", p, count);
            WriteSupports(writer, supports);
            JsonIo.WriteMatrix(writer, "expected_bits", expected, bits);
            if (input.Dy is not null)
            {
                RequireShape(input.Dy, "dy", rows, count);
                var vjp = new double[rows * bits];
                TopKSparsemax.Backward(configs, p, JsonIo.Flatten(input.Dy), vjp, rows, bits, k, options.Temperature);
                JsonIo.WriteMatrix(writer, "vjp", vjp, bits);
            }
        });
    }

    internal static void RequireShape(double[][] matrix, string name, int rows, int cols)
    {
        if (matrix.Length != rows) throw new CliInputException($"\"{name}\" has {matrix.Length} rows, expected {rows} (as \"z\")");
        if (matrix[0].Length != cols) throw new CliInputException($"\"{name}\" rows have {matrix[0].Length} entries, expected {cols}");
    }

    private static void WriteSupports(Utf8JsonWriter writer, RowSupports supports)
    {
        writer.WriteStartArray("support");
        for (int r = 0; r < supports.Rows; r++)
        {
            writer.WriteStartArray();
            foreach (int i in supports[r]) writer.WriteNumberValue(i);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    internal static string WriteJson(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
