using Monitor.Testing;
using System.Net;
using System.Text;
using System.Text.Json;
using Monitor.Cli.Pipeline.Ingest;
using Monitor.Cli.Replay;
using Monitor.Contracts;

namespace Monitor.Cli.Tests.Replay;

/// <summary>The replay's timing on a clock that jumps instead of sleeping: what it would have waited, exactly.</summary>
public sealed class When_timing_a_replay
{
    private static readonly DateTimeOffset Published = new(2024, 3, 28, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private static CoverageReceived Item(string id, TimeSpan after) => new(PlatformNames.Weibo, id, $"https://weibo.com/r/{id}", null, "SU7",
        new Author("a", "A"), Published + after, Engagement.None, [], null, "replay", Published + after);

    /// <summary>Answers every POST with 202 and notes, by the fake clock, when each item arrived.</summary>
    private sealed class RecordingIngestion(TimeProvider clock) : HttpMessageHandler
    {
        public List<(string PlatformId, TimeSpan At)> Received { get; } = [];

        public List<string[]> Posts { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(ct));
            var ids = body.RootElement.EnumerateArray().Select(i => i.GetProperty("platformId").GetString()!).ToList();
            lock (Received)
            {
                Received.AddRange(ids.Select(id => (id, clock.GetUtcNow() - Now)));
                Posts.Add(ids.ToArray());
            }
            return new HttpResponseMessage(HttpStatusCode.Accepted)
            {
                Content = new StringContent($$"""{"accepted":{{ids.Count}},"ingested":{{ids.Count}},"updated":0,"unchanged":0}""", Encoding.UTF8, "application/json"),
            };
        }
    }

    private static async Task<(ReplayOutcome Outcome, RecordingIngestion Ingestion)> ReplayAsync(
        IReadOnlyList<CoverageReceived> items, double speed, TimeSpan? longestGap, CancellationToken stop = default)
    {
        var clock = new JumpingClock(Now);
        var ingestion = new RecordingIngestion(clock);
        using var client = new IngestionClient(new Uri("http://127.0.0.1:5101"), IngestionClientOptions.Default, handler: ingestion);
        var outcome = await new ReplayRun(client, clock).RunAsync(items, speed, longestGap, null, stop);
        return (outcome, ingestion);
    }

    [Fact]
    public async Task Should_send_each_item_at_its_publish_offset_divided_by_the_speed()
    {
        var (outcome, ingestion) = await ReplayAsync(
            [Item("a", TimeSpan.Zero), Item("b", TimeSpan.FromMinutes(3)), Item("c", TimeSpan.FromMinutes(6))], speed: 60, longestGap: null);

        Assert.Equal([("a", TimeSpan.Zero), ("b", TimeSpan.FromSeconds(3)), ("c", TimeSpan.FromSeconds(6))], ingestion.Received);
        Assert.False(outcome.Stopped);
        Assert.Equal(3, outcome.Tally.Total().Ingested);
    }

    [Fact]
    public async Task Should_wait_no_longer_than_the_longest_gap()
    {
        var (_, ingestion) = await ReplayAsync(
            [Item("a", TimeSpan.Zero), Item("b", TimeSpan.FromHours(10)), Item("c", TimeSpan.FromHours(10) + TimeSpan.FromSeconds(60))],
            speed: 60, longestGap: TimeSpan.FromSeconds(5));

        Assert.Equal([("a", TimeSpan.Zero), ("b", TimeSpan.FromSeconds(5)), ("c", TimeSpan.FromSeconds(6))], ingestion.Received);
    }

    [Fact]
    public async Task Should_send_items_published_together_in_one_post()
    {
        var (_, ingestion) = await ReplayAsync(
            [Item("a", TimeSpan.Zero), Item("b", TimeSpan.FromMinutes(1)), Item("c", TimeSpan.FromMinutes(1))], speed: 60, longestGap: null);

        Assert.Equal([("a", TimeSpan.Zero), ("b", TimeSpan.FromSeconds(1)), ("c", TimeSpan.FromSeconds(1))], ingestion.Received);
        Assert.Equal([["a"], ["b", "c"]], ingestion.Posts);
    }

    [Fact]
    public async Task Should_send_nothing_more_once_stopped()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var (outcome, ingestion) = await ReplayAsync([Item("a", TimeSpan.Zero), Item("b", TimeSpan.FromMinutes(1))], speed: 60, longestGap: null, stop.Token);

        Assert.Empty(ingestion.Received);
        Assert.True(outcome.Stopped);
        Assert.Equal(0, outcome.Sent);
    }
}
