using System.CommandLine;
using System.Globalization;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Subscriptions;
using Monitor.Contracts;

namespace Monitor.Cli.Sentiment;

/// <summary>./monitor sentiment correct ID --to LABEL [--note TEXT]: a person's label for a mention, through the query API.</summary>
internal static class CorrectCommand
{
    private static readonly Option<Uri> Url = CommandLineValues.HttpUrl("--url", "The query API", AlertsApiOptions.QueryApiUrl);

    public static Command Create()
    {
        var id = new Argument<Guid>("id")
        {
            Description = "The mention's id (the dashboard and GET /api/mentions show it)",
            CustomParser = r =>
            {
                var text = r.Tokens.Single().Value;
                if (Guid.TryParse(text, out var value)) return value;
                r.AddError($"id '{text}' is not a mention id (a GUID, as GET /api/mentions shows)");
                return Guid.Empty;
            },
        };
        var to = new Option<string>("--to") { Description = "The right label: positive, neutral or negative", Required = true };
        to.AcceptOnlyFromAmong([.. SentimentLabels.All]);
        var note = new Option<string?>("--note") { Description = $"Why, at most {SentimentCorrected.MaxNoteLength} characters (kept with the correction)" };
        var command = SubscriptionsCommand.WithConnection(
            new Command("correct", "Correct a mention's sentiment label (an admin's or analyst's --key or MONITOR_API_KEY); a rescore never overwrites it") { id, to, note },
            Url);
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            using var client = SubscriptionsCommand.Client(result, Url, AlertsApiOptions.QueryApi);
            var correction = await client.CorrectSentimentAsync(result.GetValue(id), result.GetValue(to)!, result.GetValue(note), ct);
            var at = correction.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            Console.WriteLine($"mention {result.GetValue(id)}: {correction.Label} (corrected by {correction.By} at {at} UTC)");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
