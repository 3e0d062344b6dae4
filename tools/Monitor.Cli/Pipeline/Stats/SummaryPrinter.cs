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

    /// <summary>The last line of `ingest --wait` and `stats`; scripts and tests parse it.</summary>
    public static string PipelineLine(long items, PipelineStatistics stats) =>
        $"pipeline: items={items} ingested={stats.Ingested} extracted={stats.Extracted} scored={stats.Scored}";

    private static string Share(long count, long of) =>
        of == 0 ? "-" : $"{count} ({100.0 * count / of:0}%)";
}
