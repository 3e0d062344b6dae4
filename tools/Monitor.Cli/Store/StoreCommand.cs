using System.CommandLine;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Stats;
using Monitor.EventStore;
using Monitor.ReadModels;
using Npgsql;
using Spectre.Console;

namespace Monitor.Cli.Store;

/// <summary>`monitor store migrate`: moves the previous release's event store into Marten's tables.</summary>
public static class StoreCommand
{
    public static Command Create()
    {
        var command = new Command("store", "The event store itself");
        command.Subcommands.Add(Migrate());
        return command;
    }

    private static Command Migrate()
    {
        var command = new Command("migrate",
            "Copy the previous release's event store (tables streams and events in MONITOR_EVENTSTORE_SCHEMA) into Marten's tables in the same schema, " +
            "keeping ids, versions, timestamps and order, then compare both row by row; the old tables are left as they were. Run it as the schema's owner, with the services stopped.");
        command.SetAction((_, ct) => PipelineCommands.RunAsync(async () =>
        {
            var connection = EventStoreConnection.FromEnvironment();
            await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
            await using var log = new EventStore.EventStore(dataSource, new EventStoreOptions { ConnectionString = connection.ConnectionString, Schema = connection.Schema },
                ReadModelCatalogue.CreateEventTypeRegistry());
            StoreMigrationReport report;
            try
            {
                report = await StoreMigration.MigrateAsync(dataSource, connection.Schema, log, ct);
            }
            catch (EventStoreException e)
            {
                throw new PipelineCommandException(ExitCodes.Failed, e.Message, e);
            }
            catch (PostgresException e)
            {
                throw new PipelineCommandException(ExitCodes.Failed, $"PostgreSQL at {connection.Describe()} refused: {e.MessageText}", e);
            }

            var console = PipelineConsole.Create();
            var table = new Table().Title($"Event store in schema {Markup.Escape(connection.Schema)} moved into Marten's tables").Border(TableBorder.Rounded);
            table.AddColumn("what");
            table.AddColumn(new TableColumn("count").RightAligned());
            table.AddRow("streams", report.Streams.ToString("N0"));
            table.AddRow("archived streams", report.ArchivedStreams.ToString("N0"));
            table.AddRow("events in the old store", report.Events.ToString("N0"));
            table.AddRow("events in Marten's store", report.MigratedEvents.ToString("N0"));
            table.AddRow("events that differ", report.Mismatches == 0 ? "0" : $"[red]{report.Mismatches:N0}[/]");
            console.Write(table);
            Console.WriteLine($"migration: streams={report.Streams} events={report.Events} migrated={report.MigratedEvents} mismatches={report.Mismatches} " +
                $"verified={(report.Verified ? "yes" : "no")} seconds={report.Elapsed.TotalSeconds:0.0}");
            return report.Verified ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }
}
