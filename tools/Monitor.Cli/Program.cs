using System.CommandLine;
using Monitor.Cli.Errors;
using Monitor.Cli.Keys;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Projections;
using Monitor.Cli.Replay;
using Monitor.Cli.Sentiment;
using Monitor.Cli.Store;
using Monitor.Cli.Subscriptions;

// One command area per folder; each area builds its own command tree.
var root = new RootCommand("Monitor: media monitoring with sentiment for PR staff.");
root.Subcommands.Add(SentimentCommand.Create());
foreach (var command in PipelineCommands.Create()) root.Subcommands.Add(command);
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(ErrorsCommand.Create());
root.Subcommands.Add(SubscriptionsCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(ProjectionsCommand.Create());
root.Subcommands.Add(StoreCommand.Create());

// A command line that does not parse is a usage error (exit 2), like bad input files.
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("see ./monitor --help");
    return ExitCodes.Usage;
}

// The first Ctrl+C asks the command to stop and lets it finish what it holds and print its summary
// (System.CommandLine's own handling would exit at once with 130); a second one ends the process.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (stop.IsCancellationRequested) return;
    e.Cancel = true;
    Console.Error.WriteLine("monitor: stopping (Ctrl+C again to end at once)");
    stop.Cancel();
};
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
