using Monitor.Cli.Tests.Infrastructure;

namespace Monitor.Cli.Tests.Sentiment;

public sealed class When_evaluating_a_labelled_file : IDisposable
{
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("monitor-evaluate-").FullName, "labelled.tsv");

    public When_evaluating_a_labelled_file() => File.WriteAllLines(_file,
    [
        "label\ttext",
        "1\tthis is an excellent, wonderful phone",
        "0\ttruly awful, I hate it and want my money back",
        "0\tthis is an excellent, wonderful phone",
    ]);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task Should_print_the_figures_and_list_the_rows_it_got_wrong_when_asked()
    {
        var run = await CliRun.RunAsync(NoEnvironment, "sentiment", "evaluate", _file, "--errors", "5");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("accuracy: 0.6667", run.Output);
        Assert.Contains("errors: 1 of 1 shown", run.Output);
        Assert.Contains("line 4: gold negative, predicted positive", run.Output);
        Assert.Contains("phrases: ", run.Output);
    }

    [Fact]
    public async Task Should_list_no_rows_unless_asked()
    {
        var run = await CliRun.RunAsync(NoEnvironment, "sentiment", "evaluate", _file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("accuracy: 0.6667", run.Output);
        Assert.DoesNotContain("errors:", run.Output);
    }

    [Fact]
    public async Task Should_print_how_far_the_confidence_is_from_the_accuracy()
    {
        var run = await CliRun.RunAsync(NoEnvironment, "sentiment", "evaluate", _file);

        // All three decisions are confident (0.9 to 1) and two of three are right: the error is that confidence less 2/3.
        Assert.True(run.ExitCode == 0, run.ToString());
        var line = run.Output.Split('\n').Single(l => l.StartsWith("calibration_error: ", StringComparison.Ordinal));
        var error = double.Parse(line["calibration_error: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(error, 0.9 - 2.0 / 3, 1 - 2.0 / 3);
    }

    [Fact]
    public async Task Should_refuse_a_negative_number_of_rows()
    {
        var run = await CliRun.RunAsync(NoEnvironment, "sentiment", "evaluate", _file, "--errors", "-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--errors", run.Error);
    }

    [Fact]
    public async Task Should_print_each_class_s_reliability_after_the_figures_for_a_three_class_file()
    {
        var threeClass = Path.Combine(Path.GetDirectoryName(_file)!, "three.tsv");
        File.WriteAllLines(threeClass, ["label\ttext", "positive\tthis is an excellent, wonderful phone", "negative\ttruly awful, I hate it",
            "neutral\tthe store opens at nine", "neutral\t请问保险一年多少钱"]);

        var run = await CliRun.RunAsync(NoEnvironment, "sentiment", "evaluate", threeClass);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n');
        var figures = Array.FindIndex(lines, l => l.StartsWith("negative: precision ", StringComparison.Ordinal));
        var reliability = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains(" reliability: calibration error ")).ToArray();
        Assert.Equal(["positive", "neutral", "negative"], reliability.Select(x => x.l.Split(' ')[0]));
        Assert.All(reliability, x => Assert.True(x.i > figures, "the reliability lines come after the existing figures"));
        Assert.All(reliability, x => Assert.Equal(4, x.l.Split(" → ").Skip(1).Sum(cell => int.Parse(cell[(cell.IndexOf('(') + 1)..cell.IndexOf(')')]))));
    }
}
