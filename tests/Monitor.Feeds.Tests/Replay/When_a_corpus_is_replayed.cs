using Monitor.Testing;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.Feeds.Replay;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Polling;
using Monitor.Feeds.Tests.Support;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Platforms;
using Xunit;

namespace Monitor.Feeds.Tests.Replay;

public sealed class When_a_corpus_is_replayed : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 7, 19, 11, 0, 0, TimeSpan.Zero);
    private readonly string _export = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_export);

    private void Export(params string[] lines) => File.WriteAllLines(_export, lines);

    private static string Line(string id, TimeSpan after) =>
        JsonSerializer.Serialize(Items.Post(id, T0 + after), new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Replays until done, noting the (fake) clock at every publish.</summary>
    private static async Task<List<(string Id, DateTimeOffset At)>> ReplayAsync(FeedSettings settings, JumpingClock clock, InMemoryFeedJournal? journal = null)
    {
        journal ??= new InMemoryFeedJournal();
        var publisher = new ClockedPublisher(clock);
        var poller = new FeedPoller(new ReplayFeed(settings, clock, NullLogger<ReplayFeed>.Instance), journal, publisher, settings, clock,
            NullLogger<FeedPoller>.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await poller.RunCycleAsync(timeout.Token);
        return publisher.Seen;
    }

    [Fact]
    public async Task Should_keep_the_original_gaps_divided_by_the_speed_factor()
    {
        Export(Line("a", TimeSpan.Zero), Line("b", TimeSpan.FromMinutes(1)), Line("c", TimeSpan.FromMinutes(2)),
            Line("d", TimeSpan.FromMinutes(2)), Line("e", TimeSpan.FromMinutes(10)));
        var clock = new JumpingClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var seen = await ReplayAsync(new FeedSettings { Name = "replay", ReplaySource = _export, ReplaySpeed = 60, MaxPages = 100 }, clock);

        Assert.Equal(["a", "b", "c", "d", "e"], seen.Select(s => s.Id));
        var offsets = seen.Select(s => (s.At - seen[0].At).TotalSeconds).ToArray();
        Assert.Equal([0d, 1d, 2d, 2d, 10d], offsets);
    }

    [Fact]
    public async Task Should_shorten_gaps_longer_than_the_longest_gap()
    {
        Export(Line("a", TimeSpan.Zero), Line("b", TimeSpan.FromDays(30)), Line("c", TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1)));
        var clock = new JumpingClock(DateTimeOffset.UnixEpoch);

        var seen = await ReplayAsync(new FeedSettings
        {
            Name = "replay", ReplaySource = _export, ReplaySpeed = 60, ReplayLongestGap = TimeSpan.FromSeconds(5), MaxPages = 100,
        }, clock);

        Assert.Equal([0d, 5d, 6d], seen.Select(s => (s.At - seen[0].At).TotalSeconds));
    }

    [Fact]
    public async Task Should_resume_with_the_next_item_and_keep_original_publication_times()
    {
        Export(Line("a", TimeSpan.Zero), Line("b", TimeSpan.FromMinutes(1)), Line("c", TimeSpan.FromMinutes(3)));
        var clock = new JumpingClock(DateTimeOffset.UnixEpoch);
        var journal = new InMemoryFeedJournal();
        var settings = new FeedSettings { Name = "replay", ReplaySource = _export, ReplaySpeed = 60, MaxPages = 1 };

        var first = await ReplayAsync(settings, clock, journal);
        var rest = await ReplayAsync(settings with { MaxPages = 100 }, clock, journal);

        Assert.Equal(["a"], first.Select(s => s.Id));
        Assert.Equal(["b", "c"], rest.Select(s => s.Id));
        Assert.Equal([0d, 2d], rest.Select(s => (s.At - rest[0].At).TotalSeconds)); // re-anchored at the restart
    }

    [Fact]
    public async Task Should_quarantine_unreadable_lines_and_replay_the_rest()
    {
        Export(Line("a", TimeSpan.Zero), "{not json", """{"platform":"myspace","platformId":"x"}""", Line("b", TimeSpan.FromSeconds(60)));
        var journal = new InMemoryFeedJournal();

        var seen = await ReplayAsync(new FeedSettings { Name = "replay", ReplaySource = _export, MaxPages = 100 }, new JumpingClock(DateTimeOffset.UnixEpoch), journal);

        Assert.Equal(["a", "b"], seen.Select(s => s.Id));
        Assert.Equal(2, journal.Quarantined.Count);
        Assert.Contains(journal.Quarantined, q => q.Reason.StartsWith("line 2:"));
        Assert.Contains(journal.Quarantined, q => q.Reason.Contains("'myspace' is not one of"));
    }

    [Fact]
    public async Task Should_replay_the_whole_su7_sample_in_publication_order()
    {
        var seen = await ReplayAsync(
            new FeedSettings { Name = "replay", ReplaySource = Samples.Directory, ReplaySpeed = 1_000_000, MaxPages = 1000 },
            new JumpingClock(DateTimeOffset.UnixEpoch));

        var corpus = SampleCorpus.Load(Samples.Directory, DateTimeOffset.UtcNow);
        Assert.Equal(corpus.Items.Count, seen.Count);
        Assert.True(seen.Count >= 300);
    }

    private sealed class ClockedPublisher(TimeProvider clock) : Feeds.Sdk.Publishing.ICoveragePublisher
    {
        public List<(string Id, DateTimeOffset At)> Seen { get; } = [];

        public Task PublishAsync(IReadOnlyList<CoverageReceived> items, CancellationToken cancellationToken)
        {
            foreach (var item in items) Seen.Add((item.PlatformId, clock.GetUtcNow()));
            return Task.CompletedTask;
        }
    }
}
