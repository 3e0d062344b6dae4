using Monitor.Api.Querying;

namespace Monitor.Api.Tests.Unit;

public class When_parsing_mention_filters
{
    private static (MentionFilter Filter, QueryErrors Errors) Parse(string? from = null, string? to = null, string[]? platform = null,
        string[]? entity = null, string? sentiment = null, string? q = null)
    {
        var errors = new QueryErrors();
        return (MentionFilter.Parse(new MentionFilterQuery(from, to, platform, entity, sentiment, q, null), errors, DateTimeOffset.UtcNow), errors);
    }

    [Fact]
    public void Times_without_an_offset_are_utc_and_offsets_are_honoured()
    {
        var (filter, errors) = Parse(from: "2024-03-28T10:00:00", to: "2024-03-28T20:00:00+08:00");

        Assert.False(errors.Any);
        Assert.Equal(new DateTimeOffset(2024, 3, 28, 10, 0, 0, TimeSpan.Zero), filter.From);
        Assert.Equal(new DateTimeOffset(2024, 3, 28, 12, 0, 0, TimeSpan.Zero), filter.To);
    }

    [Fact]
    public void Repeated_and_comma_separated_values_are_split_trimmed_and_deduplicated()
    {
        var (filter, errors) = Parse(platform: ["weibo, douyin", "weibo"], entity: ["Xiaomi SU7", "byd"]);

        Assert.False(errors.Any);
        Assert.Equal(["weibo", "douyin"], filter.Platforms);
        Assert.Equal(["xiaomi su7", "byd"], filter.Entities);
    }

    [Fact]
    public void Only_time_and_platform_filters_can_use_the_per_minute_counts()
    {
        Assert.True(Parse(platform: ["weibo"], from: "2024-03-28").Filter.OnlyTimeAndPlatform);
        Assert.False(Parse(sentiment: "negative").Filter.OnlyTimeAndPlatform);
        Assert.False(Parse(q: "续航").Filter.OnlyTimeAndPlatform);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var (_, errors) = Parse(from: "soon", platform: ["myspace"], sentiment: "meh", q: new string('x', MentionFilter.MaxTextLength + 1));

        var result = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(errors.ToResult());
        var problem = Assert.IsType<HttpValidationProblemDetails>(result.ProblemDetails);
        Assert.True(errors.Any);
        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["from", "platform", "q", "sentiment"], problem.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("10:00")]
    [InlineData("3/4/2024")]
    [InlineData("28 March 2024")]
    [InlineData("2024-03-28T25:00:00Z")]
    public void Times_that_are_not_iso_8601_are_refused(string value)
    {
        var (filter, errors) = Parse(from: value);

        Assert.True(errors.Any);
        Assert.Null(filter.From);
    }
}
