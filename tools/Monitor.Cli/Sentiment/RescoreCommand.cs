using System.CommandLine;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Ingest;
using Monitor.Cli.Pipeline.Stats;
using Monitor.Cli.Sentiment.Rescore;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.SentimentModel;
using Monitor.SentimentModel.Catalogue;
using Npgsql;
using Spectre.Console;

namespace Monitor.Cli.Sentiment;

/// <summary>
/// ./monitor sentiment rescore --model VERSION|FILE [--dry-run]: scores the stored history again with
/// another model version, appending SentimentRescored events while the pipeline keeps running.
/// </summary>
public static class RescoreCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "Model version (looked up among the model files in models/ and MONITOR_SENTIMENT_MODEL's folder) or a model file path.",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Score and print the summary without appending anything." };
        var pageSize = new Option<int>("--page-size") { Description = "Extracted items read and appended per round trip.", DefaultValueFactory = _ => 500 };
        var command = new Command("rescore",
            "Re-score stored coverage (MONITOR_POSTGRES, MONITOR_EVENTSTORE_SCHEMA) with another model version; the old scores stay in the log.")
        {
            model, dryRun, pageSize,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(model)!, parse.GetValue(dryRun), parse.GetValue(pageSize), ct));
        return command;
    }

    private static Task<int> RunAsync(string modelName, bool dryRun, int pageSize, CancellationToken ct) => PipelineCommands.RunAsync(async () =>
    {
        if (pageSize < 1) throw new PipelineCommandException(ExitCodes.Usage, $"--page-size must be at least 1 (was {pageSize})");
        var classifier = LoadModel(modelName);
        var connection = EventStoreConnection.FromEnvironment();
        await using var store = EventStore.EventStore.Create(
            new EventStoreOptions { ConnectionString = connection.ConnectionString, Schema = connection.Schema },
            MonitorEventTypes.CreateRegistry());
        var rescorer = new SentimentRescorer(store, classifier) { PageSize = pageSize };
        var console = PipelineConsole.Create();
        console.MarkupLine($"Rescoring [bold]{Markup.Escape(connection.Describe())}[/] with model [bold]{Markup.Escape(classifier.Version)}[/]{(dryRun ? " (dry run: nothing is appended)" : "")}");

        try
        {
            var history = await rescorer.MeasureAsync(ct);
            var summary = await new StageProgressView(console).RunAsync(["rescored"], history.Streams,
                update => rescorer.RunAsync(history, dryRun, new InlineProgress(p => update([p.Examined])), ct));
            RescoreSummaryPrinter.Print(console, summary);
            return ExitCodes.Ok;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new PipelineCommandException(ExitCodes.Failed,
                $"the event store has no events table in schema '{connection.Schema}' ({connection.Describe()}): " +
                "no service has started against it yet, so there is no history to rescore", e);
        }
        catch (EventStoreException e)
        {
            throw new PipelineCommandException(ExitCodes.Failed, e.Message, e);
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            throw new PipelineCommandException(ExitCodes.InfrastructureUnreachable,
                $"cannot reach PostgreSQL at {connection.Describe()}: {e.Message} (is it running? ./monitor provision starts it)", e);
        }
    });

    private static SentimentClassifier LoadModel(string versionOrPath)
    {
        try
        {
            var catalogue = ModelCatalogue.Scan(ModelCatalogue.DefaultFolders(RepositoryPaths.Combine("models")));
            return catalogue.Load(versionOrPath);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException)
        {
            throw new PipelineCommandException(ExitCodes.Usage, e.Message, e);
        }
    }

    /// <summary>Reports on the caller's thread; Progress&lt;T&gt; would post to the thread pool and reorder updates.</summary>
    private sealed class InlineProgress(Action<RescoreProgress> report) : IProgress<RescoreProgress>
    {
        public void Report(RescoreProgress value) => report(value);
    }
}
