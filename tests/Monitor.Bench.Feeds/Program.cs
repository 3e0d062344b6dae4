using System.Diagnostics;
using Monitor.Bench.Feeds;
using Monitor.Platforms;
using Monitor.Testing;

// ./monitor bench feeds [seconds-per-measurement]: HTML to text on hostile input, 1 KB to 5 MB, for the project's
// linear scanner beside AngleSharp and HtmlAgilityPack; then every feed document and platform page tried, with
// what became of it and how long it took; then every feed document again through System.ServiceModel.Syndication
// and CodeHollow.FeedReader beside the project's reader. A contender is not run at a size where its growth so far says it
// would take more than GiveUpAfter.
var budget = TimeSpan.FromSeconds(args.Length > 0 && double.TryParse(args[0], out var s) ? s : 0.5);
int[] sizes = [1 << 10, 10 << 10, 100 << 10, 1 << 20, 5 << 20];
(string Name, Func<string, string> Run)[] contenders =
[
    ("scanner (WeiboHtml.ToText)", WeiboHtml.ToText),
    ("AngleSharp 1.10.4 TextContent", html => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).Body?.TextContent ?? ""),
    ("HtmlAgilityPack 1.13.0 InnerText", html => { var d = new HtmlAgilityPack.HtmlDocument(); d.LoadHtml(html); return d.DocumentNode.InnerText; }),
];

Console.WriteLine($"HTML to text, median ms of runs within {budget.TotalSeconds:0.#} s per cell ({Environment.ProcessorCount} cores visible, load average {MachineLoad.Average()})");
Console.WriteLine();
foreach (var (kind, make) in HostileHtml.Kinds)
{
    Console.WriteLine($"| {kind} | {string.Join(" | ", sizes.Select(Size))} | ms per MB, 1 MB -> 5 MB |");
    Console.WriteLine($"| --- |{string.Concat(sizes.Select(_ => " ---: |"))} --- |");
    foreach (var (name, run) in contenders)
    {
        var cells = new List<string>();
        double? perMb1 = null, perMb5 = null;
        double? expected = null;
        (int Size, double Ms)? previous = null;
        foreach (var size in sizes)
        {
            if (expected > GiveUpAfter.TotalMilliseconds) { cells.Add($"not run (~{expected / 1000:0} s expected)"); continue; }
            var html = make(size);
            var ms = Timing.Median(() => run(html), budget);
            cells.Add(ms.ToString(ms < 10 ? "0.00" : "0"));
            if (size == 1 << 20) perMb1 = ms;
            if (size == 5 << 20) perMb5 = ms / 5;
            var next = Array.IndexOf(sizes, size) + 1;
            if (next < sizes.Length) expected = Timing.Expected(previous, (size, ms), sizes[next]);
            previous = (size, ms);
        }
        var growth = perMb1 is { } a && perMb5 is { } b ? $"{a:0} -> {b:0}" : "-";
        Console.WriteLine($"| {name} | {string.Join(" | ", cells)} | {growth} |");
    }
    Console.WriteLine();
}

Console.WriteLine("Documents and pages tried");
Console.WriteLine();
Console.WriteLine("| document or page | outcome | ms |");
Console.WriteLine("| --- | --- | ---: |");
foreach (var trial in Trials.All())
{
    var clock = Stopwatch.StartNew();
    var outcome = trial.Run();
    Console.WriteLine($"| {trial.Name} | {outcome} | {clock.Elapsed.TotalMilliseconds:0.0} |");
}

Console.WriteLine();
Console.WriteLine("Feed documents: the project's reader beside the .NET feed libraries (entries read, or the refusal; ms)");
Console.WriteLine();
Console.WriteLine($"| document | {string.Join(" | ", FeedLibraries.All.Select(r => r.Name))} |");
Console.WriteLine($"| --- |{string.Concat(FeedLibraries.All.Select(_ => " --- |"))}");
var documentsRead = new int[FeedLibraries.All.Length];
var documentCount = 0;
foreach (var (name, bytes) in Trials.Documents())
{
    var body = bytes();
    documentCount++;
    var cells = FeedLibraries.All.Select((reader, i) =>
    {
        var (outcome, ms) = FeedLibraries.Try(reader, body);
        if (FeedLibraries.Read(outcome)) documentsRead[i]++;
        return $"{FeedLibraries.Describe(outcome)} ({ms:0.0} ms)";
    }).ToList();
    Console.WriteLine($"| {name.Replace("|", "/")} | {string.Join(" | ", cells)} |");
}
Console.WriteLine($"| documents with entries read, of {documentCount} | {string.Join(" | ", documentsRead)} |");

static string Size(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MB" : $"{bytes >> 10} KB";

internal static partial class Program
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(20);
}
