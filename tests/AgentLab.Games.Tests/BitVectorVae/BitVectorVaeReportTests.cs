using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AgentLab.Games.BitVectorVae;
using AgentLab.Games.Referential;
using AgentLab.Telemetry.Reports;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.Tests.BitVectorVae;

/// <summary>A bit-vector VAE comparison shows the VAE's figures and plots, none of the referential game's.</summary>
public sealed class BitVectorVaeReportTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Output => Path.Combine(_temp.Path, "report");

    private string Read(string name) => File.ReadAllText(Path.Combine(Output, name));

    private const string VaeHeader =
        "| method | n | test_bits_per_dim | test_negative_elbo_nats | test_decoder_calls | train_decoder_calls | train_images_per_second | wall_seconds | latent_bits |";

    [Fact]
    public void Real_runs_make_a_table_of_the_vae_figures_without_success_columns()
    {
        var runs = new List<RunResults>();
        foreach (string method in new[] { "topk-sparsemax", "sfe-plus" })
        {
            using var vae = new SyntheticVae(method, steps: 20);
            string dir = Path.Combine(vae.Dir, "run");
            new BitVectorVaeRunner(vae.Scenario, vae.Data).Run(new RunOptions(dir));
            runs.Add(new RunStore(dir).ReadResults());
        }

        ComparisonReport.Write(runs, Output, BitVectorVaeReport.Figures);

        var lines = Read("comparison.md").Split('\n');
        Assert.Contains(VaeHeader, lines);
        Assert.StartsWith("| sfe-plus | 1 | ", lines.Single(line => line.StartsWith("| sfe-plus")));
        // SFE+ draws a second sample for its baseline in training only; it is scored on one.
        Assert.Contains("| 1 ± 0 | 2 ± 0 |", lines.Single(line => line.StartsWith("| sfe-plus")));
        foreach (string file in new[] { "comparison.md", "comparison.csv", "comparison.json", "report.html" })
        {
            Assert.DoesNotContain("success", Read(file));
            Assert.DoesNotContain("receiver", Read(file));
            Assert.DoesNotContain("nonzeros", Read(file));
        }
    }

    [Fact]
    public void Csv_and_json_hold_the_vae_figures()
    {
        ComparisonReport.Write(Sample(), Output, BitVectorVaeReport.Figures);

        var csv = Read("comparison.csv").TrimEnd('\n').Split('\n');
        Assert.Equal(2 * 7 + 1, csv.Length); // seven figures per method, header
        Assert.Equal("sfe,test_bits_per_dim,4.7,0,1", csv[8]);
        Assert.Equal("topk-sparsemax,test_decoder_calls,12.5,0,1", csv[3]);
        Assert.Equal("sfe,train_images_per_second,80,0,1", csv[12]);

        var json = JsonNode.Parse(Read("comparison.json"))!;
        Assert.Equal(
            ["test_bits_per_dim", "test_negative_elbo_nats", "test_decoder_calls", "train_decoder_calls", "train_images_per_second", "wall_seconds", "latent_bits"],
            json["figures"]!.AsArray().Select(name => (string?)name));
        Assert.Equal(4.6, (double)json["methods"]![0]!["figures"]!["test_bits_per_dim"]!["mean"]!);
        Assert.Contains("lower is better", Read("comparison.md"));
    }

    [Fact]
    public void The_plots_show_the_training_bound_decoder_calls_and_test_bits_against_calls()
    {
        ComparisonReport.Write(Sample(), Output, BitVectorVaeReport.Figures);
        var svgs = Regex.Matches(Read("report.html"), "<svg.*?</svg>", RegexOptions.Singleline).Select(match => XElement.Parse(match.Value)).ToList();

        Assert.Equal(3, svgs.Count);
        Assert.Equal(
            ["Training negative ELBO (mean over seeds)", "Decoder calls per image (mean over seeds)", "Test bits/dim vs decoder calls"],
            svgs.Select(svg => svg.Element(Svg + "title")!.Value));
        Assert.Contains("decoder calls (log scale)", Texts(svgs[1]));

        // The training curves: task_loss in bits/dim, read back from the drawn pixels through the y ticks.
        var lines = svgs[0].Descendants(Svg + "polyline").Select(line => (string)line.Attribute("points")!).ToList();
        Assert.Equal(2, lines.Count);
        AssertClose([6.0, 5.0, 4.8], ReadBack(svgs[0], lines[1].Split(' ').Select(Y)));

        // The trade-off: test bits/dim (y) against test decoder calls (x), one dot per method.
        var dots = svgs[2].Descendants(Svg + "circle").Where(dot => (string?)dot.Attribute("r") == "5").Take(2).ToList();
        AssertClose([4.6, 4.7], ReadBack(svgs[2], dots.Select(dot => Number((string)dot.Attribute("cy")!))));
        Assert.Contains("test bits/dim (lower is better)", Texts(svgs[2]));
        Assert.Contains("test decoder calls per image (log scale)", Texts(svgs[2]));
    }

    /// <summary>Two VAE runs shaped as the runner writes them: a sparse method with 12.5 calls and a sampler with 1.</summary>
    private static List<RunResults> Sample() =>
    [
        Run("topk-sparsemax", 4.6, 12.5, 12.5, [5.5, 4.9, 4.7]),
        Run("sfe", 4.7, 1, 1, [6.0, 5.0, 4.8]),
    ];

    private static RunResults Run(string method, double bitsPerDim, double testCalls, double trainCalls, double[] curve) =>
        new(new RunSummary
        {
            Scenario = "bitvector-vae-fmnist",
            Method = method,
            Seed = 42,
            Steps = 300,
            TrainGamesPerSecond = 80,
            WallSeconds = 60,
            Extra = new()
            {
                ["test_bits_per_dim"] = bitsPerDim,
                ["test_negative_elbo_nats"] = bitsPerDim * 784 * Math.Log(2),
                ["test_decoder_calls"] = testCalls,
                [BitVectorVaeReport.TrainDecoderCalls] = trainCalls,
                ["latent_bits"] = 32,
            },
        },
        curve.Select((bits, i) => new MetricsPoint
        {
            Step = 100 * (i + 1), Games = 6400 * (i + 1), Objective = 0, TaskLoss = bits, Success = 0, Entropy = 1,
            ReceiverCalls = trainCalls, Nonzeros = trainCalls, GamesPerSecond = 80, ElapsedSeconds = 20 * (i + 1),
        }).ToList());

    /// <summary>Pixels are written to two decimals, so a value read back is good to about 1e-3 here.</summary>
    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.InRange(actual[i], expected[i] - 1e-3, expected[i] + 1e-3);
    }

    private static IEnumerable<string> Texts(XElement svg) => svg.Descendants(Svg + "text").Select(text => text.Value);

    private static double Y(string pair) => Number(pair.Split(',')[1]);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Data values of pixel heights, by the linear map the y-axis tick labels (drawn 4 px below their tick) define.</summary>
    private static double[] ReadBack(XElement svg, IEnumerable<double> pixels)
    {
        var ticks = svg.Descendants(Svg + "text")
            .Where(text => (string?)text.Attribute("text-anchor") == "end" && (string?)text.Attribute("font-size") == "11")
            .Select(text => (Value: Number(text.Value), Pixel: Number((string)text.Attribute("y")!) - 4))
            .ToList();
        var (low, high) = (ticks[0], ticks[^1]);
        return pixels.Select(py => low.Value + (py - low.Pixel) * (high.Value - low.Value) / (high.Pixel - low.Pixel)).ToArray();
    }
}
