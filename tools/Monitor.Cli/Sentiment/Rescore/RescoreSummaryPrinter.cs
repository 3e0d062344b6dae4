using System.Globalization;
using Spectre.Console;

namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>The summary a rescore prints: streams rescored, label changes old -> new, time.</summary>
internal static class RescoreSummaryPrinter
{
    public static void Print(IAnsiConsole console, RescoreSummary summary)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().Title($"Label changes ({Markup.Escape(summary.ModelVersion)})").Border(TableBorder.Rounded);
        table.AddColumn("from");
        table.AddColumn("to");
        table.AddColumn(new TableColumn("streams").RightAligned());
        foreach (var change in summary.LabelChanges) table.AddRow(Markup.Escape(change.From), Markup.Escape(change.To), change.Count.ToString(c));
        table.AddRow("[bold]unchanged[/]", "", summary.Unchanged.ToString(c));
        console.Write(table);
        if (summary.AwaitingFirstScore > 0)
            console.WriteLine($"{summary.AwaitingFirstScore} items are not scored yet; the pipeline scores them, and running rescore again rescores them.");
        if (summary.Archived > 0)
            console.WriteLine($"{summary.Archived} streams were archived during the run and were left as they are.");
        // The last line is for scripts: one key=value per figure (on a dry run, "rescored" counts what would be).
        Console.WriteLine(string.Create(c,
            $"rescore: model={summary.ModelVersion} dry_run={(summary.DryRun ? "yes" : "no")} examined={summary.Examined} " +
            $"rescored={summary.Rescored} changed={summary.Changed} already_at_version={summary.AlreadyAtVersion} " +
            $"awaiting_first_score={summary.AwaitingFirstScore} seconds={summary.Elapsed.TotalSeconds:F1}"));
    }
}
