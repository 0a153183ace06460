using System.Text.Json;
using AgentLab.Memory;

namespace AgentLab.Cli;

/// <summary>
/// <c>agentlab recall [--transform NAME] [--alpha A] [--k K] [--beta B] [--post P] [--steps T]</c>: Hopfield recall
/// in double of the memories and queries on stdin (see <see cref="RecallArguments.Usage"/>), JSON on stdout.
/// </summary>
public static class RecallCommand
{
    private const string Prefix = "agentlab recall: ";

    /// <param name="args">The arguments after the word "recall".</param>
    /// <returns>0 on success, 2 on invalid arguments or input, 1 on an unexpected failure.</returns>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var arguments = RecallArguments.Parse(args);
            if (arguments.Help)
            {
                stdout.WriteLine(RecallArguments.Usage);
                return 0;
            }
            using var document = JsonIo.Parse(stdin.ReadToEnd());
            var input = RecallInput.Read(document.RootElement);
            stdout.WriteLine(Recall(arguments.Options, input));
            return 0;
        }
        catch (CliInputException e)
        {
            stderr.WriteLine(Prefix + e.Message);
            return 2;
        }
        catch (ArgumentException e)
        {
            // The memory validates too (e.g. k larger than the number of memories); its messages are user-facing.
            stderr.WriteLine(Prefix + RecallArguments.MessageOf(e));
            return 2;
        }
        catch (Exception e)
        {
            stderr.WriteLine(Prefix + "internal error: " + JsonIo.OneLine(e.Message));
            return 1;
        }
    }

    private static string Recall(RecallOptions options, RecallInput input)
    {
        int n = input.Memories.Length, d = input.Memories[0].Length;
        bool energy = options.Post == PostTransform.Identity && options.Map.HasEnergy;
        var result = HopfieldRecall.Run<double>(JsonIo.Flatten(input.Memories), n, JsonIo.Flatten(input.Queries), d,
            options with { ComputeEnergy = energy });

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            JsonIo.WriteMatrix(writer, "retrieved", result.Retrieved, d);
            JsonIo.WriteMatrix(writer, "p", result.Weights, n);
            writer.WriteStartArray("support");
            foreach (var support in result.Supports)
            {
                writer.WriteStartArray();
                foreach (int i in support) writer.WriteNumberValue(i);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("steps");
            foreach (int s in result.Steps) writer.WriteNumberValue(s);
            writer.WriteEndArray();
            if (result.Energy is not null) JsonIo.WriteVector(writer, "energy", result.Energy);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
