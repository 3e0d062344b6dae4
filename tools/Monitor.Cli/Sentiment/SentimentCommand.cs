using System.CommandLine;

namespace Monitor.Cli.Sentiment;

/// <summary>./monitor sentiment ...: train and evaluate the sentiment model.</summary>
internal static class SentimentCommand
{
    public static Command Create()
    {
        var command = new Command("sentiment", "Train, evaluate and rescore with the sentiment model; correct a mention's label.");
        command.Subcommands.Add(TrainCommand.Create());
        command.Subcommands.Add(EvaluateCommand.Create());
        command.Subcommands.Add(RescoreCommand.Create());
        command.Subcommands.Add(CorrectCommand.Create());
        return command;
    }
}
