using Monitor.Cli.Tests.Infrastructure;
using Monitor.ReadModels;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Projections;

public sealed class When_listing_read_models_of_an_older_store(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await ThreeScoredItems.StoreAsync(schema);
        // as a release before projection versions left the checkpoints table
        await using var older = schema.DataSource.CreateCommand($"ALTER TABLE {new ReadModelTables(schema.Name).Checkpoints} DROP COLUMN version");
        await older.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_say_the_store_needs_this_release_to_migrate_it()
    {
        var environment = new Dictionary<string, string> { ["MONITOR_POSTGRES"] = schema.ConnectionString, ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name };

        var result = await CliRun.RunAsync(environment, "projections", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the event store in schema '{schema.Name}'", result.Error);
        Assert.Contains("was made by an older release: start this release's API (or any of its services) against it once", result.Error);
    }
}
