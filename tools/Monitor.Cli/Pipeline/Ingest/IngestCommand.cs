using System.CommandLine;
using System.Diagnostics;
using Monitor.Cli.Pipeline.Stats;
using Spectre.Console;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>
/// `monitor ingest &lt;file-or-dir&gt;`: POSTs coverage to the ingestion service in batches and,
/// with --wait, follows it through the event store until every item is scored, then prints the summary.
/// </summary>
public static class IngestCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "A sample corpus directory (e.g. samples/su7), a JSONL file with one CoverageReceived per line, or a CSV file (*.csv) whose header names CoverageReceived's fields",
        };
        var url = new Option<Uri>("--url")
        {
            Description = "The ingestion service",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:5101"),
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
                result.AddError($"--url '{text}' is not an absolute http(s) URL");
                return null;
            },
        };
        var wait = new Option<bool>("--wait") { Description = "Wait until every accepted item is scored, then print the summary" };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds --wait waits for processing before giving up",
            DefaultValueFactory = _ => 300,
        };
        timeout.MustBe(t => t > 0, "--timeout must be a positive number of seconds");
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Items per POST",
            DefaultValueFactory = _ => 100,
        };
        batchSize.MustBe(n => n is >= 1 and <= 10_000, "--batch-size must be between 1 and 10000");
        var logs = new Option<string?>("--logs") { Description = "Where the running services write their logs (shown in the summary)" };

        var command = new Command("ingest", "Send coverage (sample directory, JSONL or CSV) to the ingestion service and summarise per platform; bad rows are reported by line and the rest still sent; with --wait, follow it until scored")
        {
            path, url, wait, timeout, batchSize, logs,
        };
        command.SetAction((result, cancellationToken) => PipelineCommands.RunAsync(() => RunAsync(new IngestOptions(
            result.GetValue(path)!, result.GetValue(url)!, result.GetValue(wait),
            TimeSpan.FromSeconds(result.GetValue(timeout)), result.GetValue(batchSize), result.GetValue(logs)), cancellationToken)));
        return command;
    }

    public sealed record IngestOptions(string Path, Uri Url, bool Wait, TimeSpan Timeout, int BatchSize, string? LogsDirectory);

    public static async Task<int> RunAsync(IngestOptions options, CancellationToken cancellationToken)
    {
        var console = PipelineConsole.Create();
        var clock = Stopwatch.StartNew();
        var input = CoverageSource.Load(options.Path, DateTimeOffset.UtcNow);
        var tally = new IngestTally();
        foreach (var item in input.Items) tally.Read(item.Platform);
        foreach (var row in input.Rejected) tally.Reject(row);
        // A post found twice in a source (on two search pages) is one item: sending only its last
        // reading keeps a re-run a no-op instead of flipping its counts back and forth.
        var items = new List<OutgoingCoverage>();
        foreach (var readings in input.Items.GroupBy(i => i.CoverageId))
        {
            items.Add(readings.Last());
            foreach (var duplicate in readings.Skip(1)) tally.Duplicate(duplicate.Platform);
        }
        var duplicates = input.Items.Count - items.Count;
        console.MarkupLine($"Ingesting [bold]{items.Count}[/] items from {Markup.Escape(input.Description)} into {Markup.Escape(options.Url.ToString())}" +
            (duplicates > 0 ? $" ({duplicates} found twice in the source, sent once)" : "") +
            (input.Rejected.Count > 0 ? $"; [yellow]{input.Rejected.Count} could not be read[/]" : ""));

        // Validate the event store settings before sending anything, so a bad MONITOR_* fails fast.
        var store = options.Wait ? EventStoreConnection.FromEnvironment() : null;

        var view = new StageProgressView(console);
        using var client = new IngestionClient(options.Url, IngestionClientOptions.Default, message => Console.Error.WriteLine("monitor: " + message));
        await view.RunAsync(["posted"], items.Count, async report =>
        {
            await IngestSender.SendAsync(client, items, options.BatchSize, tally, sent => report([sent]), cancellationToken);
            return true;
        });
        var postTime = clock.Elapsed;
        var total = tally.Total();
        var refused = total.Rejected - input.Rejected.Count;
        console.MarkupLine($"Accepted [bold]{total.Accepted}[/]: {total.Ingested} new, {total.Updated} with new counts, " +
                           $"{total.Unchanged} already known and unchanged ({postTime.TotalSeconds:0.0}s)");
        if (total.Accepted != items.Count - refused)
            throw new PipelineCommandException(ExitCodes.Failed,
                $"ingestion accepted {total.Accepted} of the {items.Count - refused} valid items sent without rejecting the others");
        var outcome = total.Rejected > 0 ? ExitCodes.Failed : ExitCodes.Ok;

        if (store is null)
        {
            IngestSummaryPrinter.Print(console, tally);
            Console.WriteLine(IngestSummaryPrinter.Line(tally));
            return outcome;
        }

        var rejectedOrigins = tally.RejectedRows.Select(r => r.Origin).ToHashSet();
        var reader = new PipelineStatisticsReader(store);
        var streams = items.Where(i => !rejectedOrigins.Contains(i.Origin)).Select(i => i.CoverageId).ToArray();
        var progress = await WaitUntilScoredAsync(view, reader, streams, options.Timeout, cancellationToken);
        var processTime = clock.Elapsed - postTime;
        if (progress.Scored < streams.Length)
            throw new PipelineCommandException(ExitCodes.Failed,
                $"after {options.Timeout.TotalSeconds:0}s only {progress.Scored} of {streams.Length} items are scored " +
                $"(ingested {progress.Ingested}, extracted {progress.Extracted}); " +
                $"the services' logs{(options.LogsDirectory is null ? "" : " in " + options.LogsDirectory)} tell why");

        var stats = await reader.ReadAsync(cancellationToken);
        console.WriteLine();
        IngestSummaryPrinter.Print(console, tally);
        SummaryPrinter.PrintPlatforms(console, stats);
        SummaryPrinter.PrintEvents(console, stats);
        console.MarkupLine($"Time taken: [bold]{clock.Elapsed.TotalSeconds:0.0}s[/] (posting {postTime.TotalSeconds:0.0}s, processing {processTime.TotalSeconds:0.0}s)");
        if (options.LogsDirectory is not null)
            console.MarkupLine($"Logs: [bold]{Markup.Escape(options.LogsDirectory)}[/]/<service>.log");
        // Plain writes: a command line must not be wrapped at the console's width.
        Console.WriteLine("Try next:");
        Console.WriteLine("  ./monitor stats     the summary again, straight from the event store");
        Console.WriteLine("  ./monitor down      stop the services");
        Console.WriteLine($"  curl -X POST {new Uri(options.Url, "/api/coverage")} -H 'content-type: application/json' -d @item.json");
        Console.WriteLine(IngestSummaryPrinter.Line(tally));
        Console.WriteLine(SummaryPrinter.PipelineLine(streams.Length, stats));
        return outcome;
    }

    private static async Task<StageProgress> WaitUntilScoredAsync(StageProgressView view, PipelineStatisticsReader reader,
        Guid[] streams, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        return await view.RunAsync(["ingested", "extracted", "scored"], streams.Length, async report =>
        {
            while (true)
            {
                var progress = await reader.ReadProgressAsync(streams, cancellationToken);
                report([progress.Ingested, progress.Extracted, progress.Scored]);
                if (progress.Scored >= streams.Length || deadline.Elapsed >= timeout) return progress;
                await Task.Delay(PollInterval, cancellationToken);
            }
        });
    }
}
