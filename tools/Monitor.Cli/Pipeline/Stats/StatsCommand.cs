using System.CommandLine;
using Spectre.Console;

namespace Monitor.Cli.Pipeline.Stats;

/// <summary>`monitor stats`: what the event store holds, per platform and per event type.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats",
            "Summarise the event store (MONITOR_POSTGRES, MONITOR_EVENTSTORE_SCHEMA): items and current sentiment per platform (rescores count), events by type, lag and backlog per stage");
        command.SetAction((_, cancellationToken) => PipelineCommands.RunAsync(async () =>
        {
            var store = EventStoreConnection.FromEnvironment();
            var stats = await new PipelineStatisticsReader(store).ReadAsync(cancellationToken);
            var console = PipelineConsole.Create();
            console.MarkupLine($"Event store: [bold]{Markup.Escape(store.Describe())}[/]");
            SummaryPrinter.PrintPlatforms(console, stats);
            SummaryPrinter.PrintEvents(console, stats);
            SummaryPrinter.PrintLags(console, stats);
            Console.WriteLine(SummaryPrinter.LagLine(stats));
            // Without an ingest run, "items" is what the store holds: streams that were ingested.
            Console.WriteLine(SummaryPrinter.PipelineLine(stats.Ingested, stats));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
