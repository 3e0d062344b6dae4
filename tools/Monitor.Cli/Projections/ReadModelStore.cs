using System.Net.Sockets;
using Monitor.Cli.Pipeline;
using Monitor.Cli.Pipeline.Stats;
using Monitor.EventStore;
using Monitor.ReadModels;
using Npgsql;

namespace Monitor.Cli.Projections;

/// <summary>
/// The read models of the event store named by MONITOR_POSTGRES and MONITOR_EVENTSTORE_SCHEMA, and the
/// failures a user can meet reaching them turned into messages and exit codes.
/// </summary>
public sealed class ReadModelStore : IAsyncDisposable
{
    private ReadModelStore(EventStoreConnection connection)
    {
        Connection = connection;
        Catalogue = ReadModelCatalogue.Create(connection.Schema);
        Store = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = connection.ConnectionString, Schema = connection.Schema },
            ReadModelCatalogue.CreateEventTypeRegistry());
    }

    public EventStoreConnection Connection { get; }

    public ReadModelCatalogue Catalogue { get; }

    public EventStore.EventStore Store { get; }

    public static ReadModelStore FromEnvironment() => new(EventStoreConnection.FromEnvironment());

    /// <summary>The read model of that name; an unknown name is a usage error listing the known ones.</summary>
    public ReadModel Find(string name) =>
        Catalogue.Find(name) ?? throw new PipelineCommandException(ExitCodes.Usage,
            $"there is no read model '{name}'; the read models are {string.Join(", ", Catalogue.All.Select(m => m.Name))}");

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new PipelineCommandException(ExitCodes.Failed,
                $"the event store has no tables in schema '{Connection.Schema}' ({Connection.Describe()}): no service has started against it yet " +
                $"(./monitor up starts them): {e.MessageText}", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedColumn)
        {
            throw new PipelineCommandException(ExitCodes.Failed,
                $"the event store in schema '{Connection.Schema}' ({Connection.Describe()}) was made by an older release: start this release's API " +
                $"(or any of its services) against it once, which migrates it, then try again: {e.MessageText}", e);
        }
        catch (PostgresException e)
        {
            throw new PipelineCommandException(ExitCodes.Failed, $"PostgreSQL at {Connection.Describe()} refused: {e.MessageText}", e);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new PipelineCommandException(ExitCodes.InfrastructureUnreachable,
                $"cannot reach PostgreSQL at {Connection.Describe()}: {e.Message} (is it running? ./monitor provision starts it)", e);
        }
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
