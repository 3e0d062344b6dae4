using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Ingestion.Ingest;

namespace Monitor.Pipeline.Tests.Ingest;

public class When_folding_known_coverage
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2024, 7, 19, 12, 0, 0, TimeSpan.Zero);

    private static StoredEvent Stored(long version, object data) =>
        new(version, 1, Guid.NewGuid(), Id, version, "x", data, new Dictionary<string, string>(), T0);

    private static CoverageIngested Ingested(Engagement engagement) => new(Id, "douyin", "7390", "https://www.douyin.com/video/7390", null, "小米SU7",
        new Author("u1", "n", 500), T0, engagement, [], null, "test", T0);

    private static CoverageReceived Seen(Engagement engagement, DateTimeOffset observedAt, long? followers = 500) => new("douyin", "7390",
        "https://www.douyin.com/video/7390", null, "小米SU7", new Author("u1", "n", followers), T0, engagement, [], null, "test", observedAt);

    [Fact]
    public void Should_update_nothing_when_the_counts_are_the_same()
    {
        var known = KnownCoverage.Fold([Stored(1, Ingested(new Engagement(10, 2, 1, 1000)))])!;

        Assert.Null(known.UpdateFor(Id, Seen(new Engagement(10, 2, 1, 1000), T0.AddHours(1))));
    }

    [Fact]
    public void Should_keep_known_counts_the_new_observation_does_not_give()
    {
        var known = KnownCoverage.Fold([Stored(1, Ingested(new Engagement(10, 2, 1, 1000)))])!;

        var update = known.UpdateFor(Id, Seen(new Engagement(Likes: 15), T0.AddHours(1)));

        Assert.Equal(new Engagement(15, 2, 1, 1000), update!.Engagement);
        Assert.Null(known.UpdateFor(Id, Seen(new Engagement(Likes: 10), T0.AddHours(1))));
    }

    [Fact]
    public void Should_fold_to_the_latest_update_and_ignore_older_observations()
    {
        var known = KnownCoverage.Fold([
            Stored(1, Ingested(new Engagement(10))),
            Stored(2, new CoverageMetricsUpdated(Id, "douyin", new Engagement(20), 600, T0.AddHours(2))),
        ])!;

        Assert.Equal(new KnownCoverage(new Engagement(20), 600, T0.AddHours(2)), known);
        Assert.Null(known.UpdateFor(Id, Seen(new Engagement(30), T0.AddHours(1))));
        Assert.Equal(600, known.UpdateFor(Id, Seen(new Engagement(30), T0.AddHours(3), followers: null))!.AuthorFollowers);
    }

    [Fact]
    public void Should_update_when_only_the_follower_count_changed()
    {
        var known = KnownCoverage.Fold([Stored(1, Ingested(new Engagement(10)))])!;

        Assert.Equal(900, known.UpdateFor(Id, Seen(new Engagement(10), T0.AddHours(1), followers: 900))!.AuthorFollowers);
    }

    [Fact]
    public void Should_take_the_ingested_observation_time_as_the_last_one()
    {
        var known = KnownCoverage.Fold([Stored(1, Ingested(new Engagement(10)) with { ObservedAt = T0.AddHours(2) })])!;

        Assert.Null(known.UpdateFor(Id, Seen(new Engagement(5), T0.AddHours(1))));
        Assert.True(known.IsOutdated(Seen(new Engagement(5), T0.AddHours(1))));
        Assert.False(known.IsOutdated(Seen(new Engagement(10), T0.AddHours(2))));
        Assert.Equal(12, known.UpdateFor(Id, Seen(new Engagement(12), T0.AddHours(3)))!.Engagement.Likes);
    }

    [Fact]
    public void Should_keep_the_larger_counts_of_two_observations_made_at_the_same_time()
    {
        var known = KnownCoverage.Fold([Stored(1, Ingested(new Engagement(10)) with { ObservedAt = T0 })])!;

        Assert.Equal(11, known.UpdateFor(Id, Seen(new Engagement(11), T0))!.Engagement.Likes);
        Assert.True(known.IsOutdated(Seen(new Engagement(9), T0)));
        Assert.Null(known.UpdateFor(Id, Seen(new Engagement(9), T0)));
    }

    [Fact]
    public void Should_accept_any_observation_after_an_ingest_stored_without_its_observation_time()
    {
        var known = KnownCoverage.Fold([Stored(1, Ingested(new Engagement(10)))])!;

        Assert.False(known.IsOutdated(Seen(new Engagement(5), T0.AddHours(-1))));
        Assert.Equal(5, known.UpdateFor(Id, Seen(new Engagement(5), T0.AddHours(-1)))!.Engagement.Likes);
    }
}
