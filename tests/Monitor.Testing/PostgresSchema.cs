using Npgsql;
using Xunit;

namespace Monitor.Testing;

/// <summary>
/// A fresh PostgreSQL schema for one test class (use as an xunit class fixture), dropped afterwards,
/// so no test sees another's leftovers.
/// </summary>
public sealed class PostgresSchema : IAsyncLifetime
{
    public PostgresSchema() : this(TestEnvironment.Postgres) { }

    private PostgresSchema(string connectionString) => ConnectionString = connectionString;

    /// <summary>A fresh schema on another server than the shared one (e.g. a test's private cluster).</summary>
    public static PostgresSchema On(string connectionString) => new(connectionString);

    public string Name { get; } = TestEnvironment.UniqueName("t");

    /// <summary>The connection string of the test database (the schema is not set as search path).</summary>
    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        try
        {
            await using var cmd = DataSource.CreateCommand($"CREATE SCHEMA \"{Name}\"");
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable with MONITOR_POSTGRES='{ConnectionString}'. " +
                "Run the tests through ./monitor test, which provisions it.", e);
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            await DropAsync();
        }
        catch (NpgsqlException)
        {
            // The server restarted under the test (a fault test does that): the pooled connections
            // are dead, a fresh one is not.
            DataSource.Clear();
            await DropAsync();
        }
        await DataSource.DisposeAsync();
    }

    private async Task DropAsync()
    {
        await using var cmd = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE");
        await cmd.ExecuteNonQueryAsync();
    }
}
