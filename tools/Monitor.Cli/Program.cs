using System.CommandLine;
using Monitor.Cli.Sentiment;

// One command area per folder; each area builds its own command tree.
var root = new RootCommand("Monitor: media monitoring with sentiment for PR staff.");
root.Subcommands.Add(SentimentCommand.Create());
return await root.Parse(args).InvokeAsync();
