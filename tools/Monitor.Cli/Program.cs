using System.CommandLine;
using Monitor.Cli.Errors;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Sentiment;
using Monitor.Cli.Subscriptions;

// One command area per folder; each area builds its own command tree.
var root = new RootCommand("Monitor: media monitoring with sentiment for PR staff.");
root.Subcommands.Add(SentimentCommand.Create());
foreach (var command in PipelineCommands.Create()) root.Subcommands.Add(command);
root.Subcommands.Add(ErrorsCommand.Create());
root.Subcommands.Add(SubscriptionsCommand.Create());

// A command line that does not parse is a usage error (exit 2), like bad input files.
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("see ./monitor --help");
    return ExitCodes.Usage;
}
return await parsed.InvokeAsync();
