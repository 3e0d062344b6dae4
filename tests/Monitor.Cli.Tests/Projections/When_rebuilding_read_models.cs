using Monitor.Cli.Tests.Infrastructure;
using Monitor.ReadModels;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Projections;

public sealed class When_rebuilding_read_models(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private Dictionary<string, string> Environment => new()
    {
        ["MONITOR_POSTGRES"] = schema.ConnectionString,
        ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
    };

    public Task InitializeAsync() => ThreeScoredItems.StoreAsync(schema);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> MentionRowsAsync()
    {
        await using var command = schema.DataSource.CreateCommand($"SELECT count(*) FROM {new ReadModelTables(schema.Name).Mentions}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Should_list_read_models_that_never_ran_then_rebuild_one_until_it_is_current()
    {
        var before = await CliRun.RunAsync(Environment, "projections", "list");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Matches(@"projection: name=mentions behind=[1-9]\d* ran=no version=2", before.Output);

        var rebuilt = await CliRun.RunAsync(Environment, "projections", "rebuild", "mentions");

        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Matches(@"projections rebuild: name=mentions events=[1-9]\d*", rebuilt.Output);
        Assert.Equal(3, await MentionRowsAsync());
        // Only this test rebuilds in this class's schema, so "never ran" above held for certain.
        var after = await CliRun.RunAsync(Environment, "projections", "list");
        Assert.Contains("projection: name=mentions behind=0 ran=yes version=2", after.Output);
        Assert.Contains("projection: name=authors", after.Output);
    }

    [Fact]
    public async Task Should_show_the_version_that_built_a_read_model_and_record_the_code_version_on_rebuild()
    {
        // a store whose alerts read model was built by an older alerts projection
        await using (var older = schema.DataSource.CreateCommand(
            $"INSERT INTO {new ReadModelTables(schema.Name).Progress} (name, last_seq_id, last_updated) VALUES ('alerts:All', 1, now()) ON CONFLICT (name) DO NOTHING"))
            await older.ExecuteNonQueryAsync();

        var before = await CliRun.RunAsync(Environment, "projections", "list");
        var rebuilt = await CliRun.RunAsync(Environment, "projections", "rebuild", "alerts");
        var after = await CliRun.RunAsync(Environment, "projections", "list");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Matches(@"projection: name=alerts behind=\d+ ran=yes version=1\n", before.Output);
        Assert.Contains("1 (this release: 3, rebuilt when its API starts)", before.Output);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Matches(@"projection: name=alerts behind=0 ran=yes version=3\n", after.Output);
        Assert.DoesNotContain("(code:", after.Output);
    }

    [Fact]
    public async Task Should_name_the_read_models_when_asked_for_one_that_does_not_exist()
    {
        var result = await CliRun.RunAsync(Environment, "projections", "rebuild", "nonsense");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("there is no read model 'nonsense'; the read models are mentions, sentiment-timeline", result.Error);
    }
}
