using Monitor.Cli.Tests.Infrastructure;
using Monitor.Cli.Tests.Ingest;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Replay;

public sealed class When_replaying_a_corpus(IngestionService ingestion) : IClassFixture<IngestionService>
{
    private static readonly DateTimeOffset Start = new(2024, 3, 28, 11, 0, 0, TimeSpan.Zero);

    private static string Item(string id, DateTimeOffset publishedAt) =>
        $$"""{"platform":"weibo","platformId":"{{id}}","url":"https://weibo.com/r/{{id}}","text":"SU7","author":{"id":"a","name":"A"},"publishedAt":"{{publishedAt:O}}","engagement":{},"hashtags":[],"feed":"replay","observedAt":"{{publishedAt:O}}"}""";

    [Fact]
    public async Task Should_send_items_to_ingestion_in_publish_order()
    {
        // Written out of order; three minutes apart when published, so three seconds apart at 60x (the exact
        // timing is checked on a fake clock in When_timing_a_replay). Items that fall due together, as when a
        // loaded machine runs behind, share a POST, and the store orders a batch by stream; three seconds keep them apart.
        using var file = new TempFile(".jsonl", string.Join('\n',
            Item("r-3", Start.AddMinutes(6)), Item("r-1", Start), Item("r-2", Start.AddMinutes(3))));

        var result = await CliRun.RunAsync(ingestion.Environment, ["replay", file.Path, "--speed", "60", .. ingestion.Url]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("replay: sent=3 planned=3 accepted=3 ingested=3 updated=0 unchanged=0 rejected=0 stopped=false", result.Output);
        Assert.Equal(["r-1", "r-2", "r-3"], (await ingestion.IngestedInOrderAsync()).Where(id => id.StartsWith("r-")));
    }

    [Fact]
    public async Task Should_shorten_quiet_stretches_to_the_longest_gap()
    {
        // Ten hours apart: ten minutes at 60x, half a second with --longest-gap 500ms.
        using var file = new TempFile(".jsonl", string.Join('\n', Item("g-1", Start), Item("g-2", Start.AddHours(10))));

        var result = await CliRun.RunAsync(ingestion.Environment, TimeSpan.FromSeconds(60),
            ["replay", file.Path, "--speed", "60", "--longest-gap", "500ms", .. ingestion.Url]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("sent=2 planned=2", result.Output);
    }

    [Fact]
    public async Task Should_stop_cleanly_on_ctrl_c_with_what_was_sent_stored()
    {
        // Ten hours apart at 60x: ten minutes between items, far more than the CLI may take to start and send the
        // first on a loaded machine, so the interrupt always comes while the replay waits for the second.
        using var file = new TempFile(".jsonl", string.Join('\n', Item("c-1", Start), Item("c-2", Start.AddHours(10)), Item("c-3", Start.AddHours(20))));
        using var replay = new RunningCli(ingestion.Environment, ["replay", file.Path, "--speed", "60", .. ingestion.Url]);
        Assert.True(await Until.HoldsAsync(async () => (await ingestion.IngestedIdsAsync()).Contains("c-1"), TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(200)),
            "the first item was not stored within two minutes");

        replay.Interrupt();
        // Generous: the item already taken is sent whole first, which on a loaded machine can take a while.
        var result = await replay.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("replay: sent=1 planned=3", result.Output);
        Assert.Contains("stopped=true", result.Output);
        Assert.DoesNotContain("c-2", await ingestion.IngestedIdsAsync());
    }

    [Fact]
    public async Task Should_refuse_a_speed_that_is_not_positive()
    {
        var result = await CliRun.RunAsync(ingestion.Environment, ["replay", "--speed", "0", .. ingestion.Url]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--speed must be a positive number", result.Error);
    }
}
