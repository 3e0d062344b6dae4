using System.CommandLine;
using System.Globalization;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Ingest;
using Monitor.Feeds.Replay;
using Spectre.Console;

namespace Monitor.Cli.Replay;

/// <summary>`monitor replay [source] --speed 60 [--longest-gap 5s]`: a recorded corpus sent to ingestion in its own rhythm, sped up.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var source = new Argument<string?>("source")
        {
            Description = "A sample corpus directory or a JSONL export of CoverageReceived (default samples/su7)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var speed = new Option<double>("--speed")
        {
            Description = "How many times faster than it happened (60: an hour of coverage in a minute)",
            DefaultValueFactory = _ => 60,
        }.MustBe(s => s > 0 && double.IsFinite(s), "--speed must be a positive number");
        var longestGap = CommandLineValues.Duration("--longest-gap", "Never wait longer than this between two items, so quiet days pass quickly");
        var url = CommandLineValues.HttpUrl("--url", "The ingestion service", "http://127.0.0.1:5101");
        var command = new Command("replay",
            "Send a recorded corpus to ingestion in the order and spacing of its publish times, sped up; Ctrl+C stops cleanly")
        {
            source, speed, longestGap, url,
        };
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            var path = result.GetValue(source) ?? RepositoryPaths.Combine("samples", "su7");
            if (!Directory.Exists(path) && !File.Exists(path))
                throw new PipelineCommandException(ExitCodes.Usage, $"'{path}' is neither a corpus directory nor a JSONL file");
            var corpus = ReplayCorpus.Load(path, DateTimeOffset.UtcNow);
            if (corpus.Items.Count == 0)
                throw new PipelineCommandException(ExitCodes.Usage, $"'{path}' holds no coverage item that can be replayed" +
                    (corpus.Rejected.Count > 0 ? $" (first problem: {corpus.Rejected[0].Reason})" : ""));
            var factor = result.GetValue(speed);
            var gap = result.GetValue(longestGap);
            var console = PipelineConsole.Create();
            var first = corpus.Items[0].PublishedAt;
            var last = corpus.Items[^1].PublishedAt;
            var planned = new ReplaySchedule(corpus.Items.Select(i => i.PublishedAt).ToArray(), factor, gap);
            console.MarkupLine($"Replaying [bold]{corpus.Items.Count}[/] items from {Markup.Escape(corpus.Source)} " +
                               $"({first.UtcDateTime:yyyy-MM-dd HH:mm} to {last.UtcDateTime:yyyy-MM-dd HH:mm} UTC) at {factor.ToString(CultureInfo.InvariantCulture)}x" +
                               (gap is { } g ? $", gaps at most {g.TotalSeconds:0.#}s" : "") +
                               $": about {Format(planned.Between(0, planned.Count - 1))}. Ctrl+C stops.");
            foreach (var rejected in corpus.Rejected.Take(5)) console.MarkupLine($"[yellow]left out[/] {Markup.Escape(rejected.Reason)}");

            using var client = new IngestionClient(result.GetValue(url)!, IngestionClientOptions.Default, m => Console.Error.WriteLine("monitor: " + m));
            var outcome = await new CountingProgress(console).RunAsync("replayed", report =>
                new ReplayRun(client, TimeProvider.System).RunAsync(corpus.Items, factor, gap, (done, total) => report(done, total), ct));

            var t = outcome.Tally.Total();
            console.MarkupLine((outcome.Stopped ? $"[yellow]Stopped[/] after {outcome.Sent} of {outcome.Planned} items" : $"Replayed all {outcome.Sent} items") +
                               $" in {Format(outcome.Elapsed)}" +
                               (outcome.LastPublishedAt is { } at ? $", up to {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "") +
                               $": {t.Ingested} new, {t.Updated} with new counts, {t.Unchanged} unchanged, {t.Rejected} rejected");
            foreach (var row in outcome.Tally.RejectedRows.Take(20)) Console.WriteLine("  " + row);
            Console.WriteLine($"replay: sent={outcome.Sent} planned={outcome.Planned} accepted={t.Accepted} ingested={t.Ingested} " +
                              $"updated={t.Updated} unchanged={t.Unchanged} rejected={t.Rejected} stopped={(outcome.Stopped ? "true" : "false")}");
            return t.Rejected > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    private static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s" : $"{span.TotalSeconds:0.0}s";
}
