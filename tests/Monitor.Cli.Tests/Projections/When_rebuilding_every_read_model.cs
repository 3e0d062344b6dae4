using Monitor.Cli.Tests.Infrastructure;
using Monitor.ReadModels;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Projections;

public sealed class When_rebuilding_every_read_model(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    public Task InitializeAsync() => ThreeScoredItems.StoreAsync(schema);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Should_rebuild_each_in_turn_with_all()
    {
        var environment = new Dictionary<string, string> { ["MONITOR_POSTGRES"] = schema.ConnectionString, ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name };

        var rebuilt = await CliRun.RunAsync(environment, TimeSpan.FromSeconds(120), "projections", "rebuild", "--all");

        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        foreach (var name in new[] { "mentions", "sentiment-timeline", "entity-share", "authors", "alerts", "feeds", "subscriptions" })
            Assert.Contains($"projections rebuild: name={name} ", rebuilt.Output);
        Assert.Equal(3, await MentionRowsAsync());
    }

    private async Task<long> MentionRowsAsync()
    {
        await using var command = schema.DataSource.CreateCommand($"SELECT count(*) FROM {new ReadModelTables(schema.Name).Mentions}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
