using Monitor.Api.Analytics;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts;

namespace Monitor.Api.Tests.Querying;

public class When_aggregating_mentions(SampleApi sample) : IClassFixture<SampleApi>
{
    private readonly HttpClient _http = sample.Api.Client();

    private static IEnumerable<SampleItem> Scored => SampleCoverage.Effective.Where(i => i.Label is not null);

    private static DateTimeOffset Truncate(DateTimeOffset at, string bucket) => bucket switch
    {
        "minute" => new DateTimeOffset(at.UtcDateTime.Ticks - at.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero),
        "hour" => new DateTimeOffset(at.UtcDateTime.Ticks - at.UtcDateTime.Ticks % TimeSpan.TicksPerHour, TimeSpan.Zero),
        _ => new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero),
    };

    [Theory]
    [InlineData("minute")]
    [InlineData("hour")]
    [InlineData("day")]
    public async Task The_timeline_counts_scored_mentions_per_bucket_and_platform_by_their_latest_label(string bucket)
    {
        var expected = Scored
            .GroupBy(i => (Bucket: Truncate(i.PublishedAt, bucket), i.Platform))
            .OrderBy(g => g.Key.Bucket).ThenBy(g => g.Key.Platform, StringComparer.Ordinal)
            .Select(g => new TimelinePoint(g.Key.Bucket, g.Key.Platform,
                g.Count(i => i.Label == SentimentLabels.Positive), g.Count(i => i.Label == SentimentLabels.Neutral),
                g.Count(i => i.Label == SentimentLabels.Negative), g.Count(), g.Average(i => i.Score)))
            .ToArray();

        var timeline = await _http.GetAsync<TimelinePoint[]>($"/api/timeline?bucket={bucket}");

        Assert.Equal(expected, timeline);
    }

    [Fact]
    public async Task Hours_and_days_sum_the_minutes()
    {
        var minutes = await _http.GetAsync<TimelinePoint[]>("/api/timeline?bucket=minute");
        var days = await _http.GetAsync<TimelinePoint[]>("/api/timeline?bucket=day");

        var summed = minutes.GroupBy(p => (Truncate(p.Bucket, "day"), p.Platform))
            .Select(g => (g.Key, g.Sum(p => p.Positive), g.Sum(p => p.Neutral), g.Sum(p => p.Negative), g.Sum(p => p.Total)));
        Assert.Equal(summed.OrderBy(s => s.Key), days.Select(d => ((d.Bucket, d.Platform), d.Positive, d.Neutral, d.Negative, d.Total)).OrderBy(s => s.Item1));
        Assert.True(days.Length < minutes.Length);
    }

    [Fact]
    public async Task The_per_minute_counts_and_the_mentions_give_the_same_timeline()
    {
        // Whole minutes and no mention filter: answered from rm_sentiment_minutes; a second past the minute: from rm_mentions.
        var fromMinutes = await _http.GetAsync<TimelinePoint[]>("/api/timeline?bucket=hour&platform=weibo&platform=douyin&from=2024-03-28T10:01:00Z");
        var fromMentions = await _http.GetAsync<TimelinePoint[]>("/api/timeline?bucket=hour&platform=weibo&platform=douyin&from=2024-03-28T10:01:01Z");

        Assert.NotEmpty(fromMinutes);
        Assert.Equal(fromMinutes, fromMentions);
    }

    [Fact]
    public async Task The_timeline_takes_the_mention_filters()
    {
        var timeline = await _http.GetAsync<TimelinePoint[]>("/api/timeline?bucket=day&entity=xiaomi-su7&sentiment=positive");

        Assert.Equal(Scored.Count(i => i.Entities.Contains("xiaomi-su7") && i.Label == SentimentLabels.Positive), timeline.Sum(p => p.Positive));
        Assert.All(timeline, p => Assert.Equal(p.Positive, p.Total));
    }

    [Fact]
    public async Task Volume_is_the_timeline_summed_over_platforms()
    {
        var timeline = await _http.GetAsync<TimelinePoint[]>("/api/timeline?bucket=hour");
        var volume = await _http.GetAsync<VolumePoint[]>("/api/volume?bucket=hour");

        Assert.Equal(timeline.GroupBy(p => p.Bucket).Select(g => new VolumePoint(g.Key, g.Sum(p => p.Total))).OrderBy(v => v.Bucket), volume);
        Assert.Equal(Scored.Count(), volume.Sum(v => v.Total));
    }

    [Fact]
    public async Task A_bad_bucket_gets_a_problem_naming_it()
    {
        using var response = await _http.GetAsync("/api/timeline?bucket=week");

        Assert.Equal(["bucket"], (await response.ProblemAsync()).Fields);
    }

    [Fact]
    public async Task Share_of_voice_among_competitors_sums_to_one()
    {
        var share = await _http.GetAsync<EntityShare[]>("/api/entities/share?type=competitor");
        var expected = SampleCoverage.Effective.SelectMany(i => i.Entities.Select(e => (Entity: e, Item: i)))
            .Where(x => SampleCoverage.Gazetteer[x.Entity].Type == "competitor")
            .GroupBy(x => x.Entity).ToDictionary(g => g.Key, g => g.Select(x => x.Item).ToArray());

        Assert.Equal(expected.Keys.Order(), share.Select(s => s.Entity).Order());
        Assert.Equal(1.0, share.Sum(s => s.Share), 9);
        foreach (var s in share)
        {
            var items = expected[s.Entity];
            Assert.Equal(items.Length, s.Mentions);
            Assert.Equal((double)items.Length / expected.Values.Sum(v => v.Length), s.Share, 9);
            Assert.Equal(items.Count(i => i.Label == SentimentLabels.Negative), s.Negative);
            Assert.Equal(SampleCoverage.Gazetteer[s.Entity].Name, s.Name);
        }
    }

    [Fact]
    public async Task The_entities_named_are_the_ones_compared()
    {
        var share = await _http.GetAsync<EntityShare[]>("/api/entities/share?entity=xiaomi-su7&entity=Tesla&entity=byd&platform=weibo");
        var weibo = SampleCoverage.Effective.Where(i => i.Platform == PlatformNames.Weibo).ToArray();

        Assert.Equal(["tesla", "xiaomi-su7"], share.Select(s => s.Entity).Order(StringComparer.Ordinal));
        Assert.Equal(weibo.Count(i => i.Entities.Contains("xiaomi-su7")), share.Single(s => s.Entity == "xiaomi-su7").Mentions);
        Assert.Equal(1.0, share.Sum(s => s.Share), 9);
    }

    [Fact]
    public async Task Top_authors_are_ranked_by_the_reach_of_their_mentions()
    {
        var top = await _http.GetAsync<TopAuthor[]>("/api/authors/top?limit=3");
        var expected = SampleCoverage.Effective.GroupBy(i => (i.Platform, i.AuthorId))
            .Select(g => (g.Key.Platform, g.Key.AuthorId, Reach: g.Sum(i => i.Reach), Mentions: g.Count(),
                Negative: g.Count(i => i.Label == SentimentLabels.Negative), Followers: g.Max(i => i.Followers)))
            .OrderByDescending(a => a.Reach).Take(3).ToArray();

        Assert.Equal(expected.Select(a => (a.Platform, a.AuthorId, a.Reach, (long)a.Mentions, (long)a.Negative)),
            top.Select(a => (a.Platform, a.AuthorId, a.Reach, a.Mentions, a.Negative)));
        var weibo = await _http.GetAsync<TopAuthor[]>("/api/authors/top?platform=weibo&limit=2");
        Assert.Equal(["u-b", "u-a"], weibo.Select(a => a.AuthorId));
        Assert.Equal(SampleCoverage.UpdatedFollowers, weibo[1].Followers);
    }

    [Fact]
    public async Task The_range_spans_every_mention()
    {
        var range = await _http.GetAsync<MentionRange>("/api/range");

        Assert.Equal(SampleCoverage.Items.Min(i => i.PublishedAt), range.Earliest);
        Assert.Equal(SampleCoverage.Items.Max(i => i.PublishedAt), range.Latest);
        Assert.Equal(SampleCoverage.Items.Count, range.Total);
    }
}
