using System.CommandLine;
using Monitor.Cli.Pipeline;
using Monitor.EventStore;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Storage;
using Monitor.ReadModels;
using Spectre.Console;

namespace Monitor.Cli.Projections;

/// <summary>`monitor projections list|rebuild`: the API's read models, how far each has got, and rebuilding them from the event log.</summary>
public static class ProjectionsCommand
{
    public static Command Create()
    {
        var command = new Command("projections", "The read models the API queries (projections of the event store): list them, rebuild them");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Rebuild());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the read models with their checkpoint, how many events they are behind and the projection version that built them");
        command.SetAction((_, ct) => PipelineCommands.RunAsync(async () =>
        {
            await using var models = ReadModelStore.FromEnvironment();
            var statuses = await models.RunAsync(() => models.Catalogue.StatusAsync(models.Store.DataSource, ct));
            var console = PipelineConsole.Create();
            console.MarkupLine($"Event store: [bold]{Markup.Escape(models.Connection.Describe())}[/]");
            var table = new Table().Title("Read models").Border(TableBorder.Rounded);
            table.AddColumn("name");
            table.AddColumn("checkpoint");
            table.AddColumn(new TableColumn("behind").RightAligned());
            table.AddColumn(new TableColumn("version").RightAligned());
            table.AddColumn("holds");
            foreach (var status in statuses)
                table.AddRow(Markup.Escape(status.Name), status.Checkpoint is { } c ? Markup.Escape(c.ToString()) : "[yellow]never ran[/]",
                    status.Lag > 0 ? $"[yellow]{status.Lag}[/]" : "0", VersionCell(status, models.Catalogue), Markup.Escape(status.Description));
            console.Write(table);
            foreach (var status in statuses)
                Console.WriteLine($"projection: name={status.Name} behind={status.Lag} ran={(status.Checkpoint is null ? "no" : "yes")} version={status.Version}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The stored version, and this release's where they differ: an older stored version is rebuilt when this
    /// release's API starts; a newer one was built by a later release, and this one's API leaves it alone.
    /// </summary>
    private static string VersionCell(ReadModelStatus status, ReadModelCatalogue catalogue)
    {
        var code = catalogue.Find(status.Name)!.Projection.Version;
        if (code == status.Version) return status.Version.ToString();
        return code > status.Version
            ? $"[yellow]{status.Version} (this release: {code}, rebuilt when its API starts)[/]"
            : $"[yellow]{status.Version} (built by a later release; this release: {code})[/]";
    }

    private static Command Rebuild()
    {
        var name = new Argument<string?>("name") { Description = "The read model to rebuild (./monitor projections list names them)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Rebuild every read model, one after another" };
        var command = new Command("rebuild",
            "Clear a read model and replay the event log into it, up to the events stored when the rebuild began; safe while the API runs")
        {
            name, all,
        };
        command.Validators.Add(r =>
        {
            var named = r.GetValue(name) is not null;
            if (named && r.GetValue(all)) r.AddError("give either a read model's name or --all, not both");
            else if (!named && !r.GetValue(all)) r.AddError("say which read model to rebuild: a name (./monitor projections list) or --all");
        });
        command.SetAction((result, ct) => PipelineCommands.RunAsync(async () =>
        {
            await using var models = ReadModelStore.FromEnvironment();
            var chosen = result.GetValue(name) is { } one ? [models.Find(one)] : models.Catalogue.All;
            var console = PipelineConsole.Create();
            var rebuilder = new ProjectionRebuilder(models.Store);
            foreach (var model in chosen)
            {
                var last = await models.RunAsync(() => new CountingProgress(console).RunAsync(model.Name, async report =>
                {
                    var latest = new LatestProgress(report);
                    // A running API's leading daemon replays it; with none, this process does, holding the API's leader lock meanwhile.
                    await rebuilder.RebuildAsync(model.Projection, latest, ct, leaderLock: EventStoreHosting.DaemonLockId(MonitorServices.Api, models.Connection.Schema));
                    return latest.Last;
                }));
                Console.WriteLine($"projections rebuild: name={model.Name} events={last?.Processed ?? 0}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Hands each report on at once, on the rebuilder's thread (Progress&lt;T&gt; would post it later, after the
    /// rebuild may have returned), and keeps the last one for the summary.
    /// </summary>
    private sealed class LatestProgress(Action<long, long> report) : IProgress<RebuildProgress>
    {
        public RebuildProgress? Last { get; private set; }

        public void Report(RebuildProgress value)
        {
            Last = value;
            report(value.Processed, value.Total);
        }
    }
}
