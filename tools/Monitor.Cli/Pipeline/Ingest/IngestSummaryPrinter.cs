using Spectre.Console;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>The end of an ingest run: a table per platform, then every rejected row with its reason.</summary>
public static class IngestSummaryPrinter
{
    private const int RejectedShown = 20;

    public static void Print(IAnsiConsole console, IngestTally tally)
    {
        var table = new Table().Title("Ingest summary").Border(TableBorder.Rounded);
        table.AddColumn("platform");
        foreach (var column in new[] { "read", "duplicates", "rejected", "accepted", "new", "new counts", "unchanged" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var p in tally.Platforms()) AddRow(table, p, bold: false);
        AddRow(table, tally.Total(), bold: true);
        console.Write(table);

        var rejected = tally.RejectedRows;
        if (rejected.Count == 0) return;
        console.MarkupLine($"[yellow]{rejected.Count} rejected[/]:");
        // Plain writes: a reason must not be wrapped, and a file name may hold markup characters.
        foreach (var row in rejected.Take(RejectedShown)) Console.WriteLine("  " + row);
        if (rejected.Count > RejectedShown) Console.WriteLine($"  ... and {rejected.Count - RejectedShown} more");
    }

    /// <summary>The run's machine-readable line; scripts parse it.</summary>
    public static string Line(IngestTally tally)
    {
        var t = tally.Total();
        return $"ingest: accepted={t.Accepted} ingested={t.Ingested} updated={t.Updated} unchanged={t.Unchanged} duplicates={t.Duplicates} rejected={t.Rejected}";
    }

    private static void AddRow(Table table, PlatformTally p, bool bold)
    {
        string Cell(object value) => bold ? $"[bold]{value}[/]" : value.ToString()!;
        table.AddRow(Cell(Markup.Escape(p.Platform)), Cell(p.Read), Cell(p.Duplicates), p.Rejected > 0 ? $"[yellow]{p.Rejected}[/]" : Cell(0),
            Cell(p.Accepted), Cell(p.Ingested), Cell(p.Updated), Cell(p.Unchanged));
    }
}
