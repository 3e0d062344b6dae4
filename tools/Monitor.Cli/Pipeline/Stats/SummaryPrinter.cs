using Spectre.Console;

namespace Monitor.Cli.Pipeline.Stats;

/// <summary>Prints the pipeline summary: per-platform items and sentiment, events by type, the machine-readable last line.</summary>
public static class SummaryPrinter
{
    public static void PrintPlatforms(IAnsiConsole console, PipelineStatistics stats)
    {
        var table = new Table().Title("Coverage per platform").Border(TableBorder.Rounded);
        table.AddColumn("platform");
        table.AddColumn(new TableColumn("items").RightAligned());
        table.AddColumn(new TableColumn("positive").RightAligned());
        table.AddColumn(new TableColumn("neutral").RightAligned());
        table.AddColumn(new TableColumn("negative").RightAligned());
        foreach (var p in stats.Platforms)
            table.AddRow(p.Platform, p.Items.ToString(), Share(p.Positive, p.Scored), Share(p.Neutral, p.Scored), Share(p.Negative, p.Scored));
        var total = new PlatformStatistics("total",
            stats.Platforms.Sum(p => p.Items), stats.Platforms.Sum(p => p.Positive),
            stats.Platforms.Sum(p => p.Neutral), stats.Platforms.Sum(p => p.Negative));
        table.AddRow($"[bold]{total.Platform}[/]", $"[bold]{total.Items}[/]", Share(total.Positive, total.Scored),
            Share(total.Neutral, total.Scored), Share(total.Negative, total.Scored));
        console.Write(table);
    }

    public static void PrintEvents(IAnsiConsole console, PipelineStatistics stats)
    {
        var table = new Table().Title("Events stored").Border(TableBorder.Rounded);
        table.AddColumn("type");
        table.AddColumn(new TableColumn("events").RightAligned());
        foreach (var (type, count) in stats.EventsByType) table.AddRow(Markup.Escape(type), count.ToString());
        table.AddRow("[bold]total[/]", $"[bold]{stats.EventsByType.Sum(e => e.Count)}[/]");
        console.Write(table);
    }

    public static void PrintLags(IAnsiConsole console, PipelineStatistics stats)
    {
        if (stats.Lags is not { Count: > 0 } lags) return;
        var table = new Table().Title("Stage lag (from the previous stage's event)").Border(TableBorder.Rounded);
        table.AddColumn("stage");
        foreach (var column in new[] { "done", "waiting", "median", "p95", "max", "oldest waiting" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var lag in lags)
            table.AddRow(lag.Stage, lag.Done.ToString(), lag.Waiting > 0 ? $"[yellow]{lag.Waiting}[/]" : "0",
                Duration(lag.Median), Duration(lag.P95), Duration(lag.Max), Duration(lag.OldestWaiting));
        console.Write(table);
        if (stats.Rescored > 0)
            console.MarkupLine($"{stats.Rescored} items carry a newer label from [bold]sentiment rescore[/]; the split above counts it.");
    }

    /// <summary>The lag line of `stats`; scripts parse it. Seconds, "-" where nothing was measured.</summary>
    public static string LagLine(PipelineStatistics stats) =>
        "lag: " + string.Join(' ', (stats.Lags ?? []).Select(l =>
            $"{l.Stage}.p50={Seconds(l.Median)} {l.Stage}.p95={Seconds(l.P95)} {l.Stage}.waiting={l.Waiting}"));

    private static string Seconds(TimeSpan? span) => span is { } s ? s.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static string Duration(TimeSpan? span) => span switch
    {
        null => "-",
        { TotalSeconds: < 1 } s => $"{s.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } s => $"{s.TotalSeconds:0.0} s",
        { TotalHours: < 1 } s => $"{(int)s.TotalMinutes}m{s.Seconds:00}s",
        var s => $"{(int)s.Value.TotalHours}h{s.Value.Minutes:00}m",
    };

    /// <summary>The last line of `ingest --wait` and `stats`; scripts and tests parse it.</summary>
    public static string PipelineLine(long items, PipelineStatistics stats) =>
        $"pipeline: items={items} ingested={stats.Ingested} extracted={stats.Extracted} scored={stats.Scored}";

    private static string Share(long count, long of) =>
        of == 0 ? "-" : $"{count} ({100.0 * count / of:0}%)";
}
