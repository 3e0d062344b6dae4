namespace Monitor.Platforms.Tests.Feeds;

public sealed class When_parsing_feed_dates
{
    private static readonly DateTimeOffset Expected = new(2024, 7, 19, 14, 40, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Fri, 19 Jul 2024 22:40:00 +0800")]
    [InlineData("Fri, 19 Jul 2024 14:40:00 GMT")]
    [InlineData("19 Jul 2024 14:40:00 UT")]
    [InlineData("Fri, 19 Jul 24 22:40 +0800")]
    [InlineData("Fri,  19 Jul 2024 10:40:00 EDT")]
    [InlineData("Fri, 19 Jul 2024 22:40:00 +08:00")]
    [InlineData("2024-07-19T22:40:00+08:00")]
    [InlineData("2024-07-19T14:40:00Z")]
    [InlineData("2024-07-19T14:40:00.000Z")]
    [InlineData("2024-07-19 22:40:00 +0800")]
    public void Parse_reads_rfc822_and_iso8601_into_utc(string text)
    {
        var parsed = FeedDates.Parse(text);

        Assert.Equal(Expected, parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2024-07-19 22:40:00")]
    [InlineData("yesterday")]
    [InlineData("Fri, 32 Jul 2024 22:40:00 +0800")]
    [InlineData("Fri, 19 Foo 2024 22:40:00 +0800")]
    [InlineData("Fri, 19 Jul 2024 22:40:00 XYZ")]
    public void Parse_returns_null_rather_than_guessing(string? text)
    {
        Assert.Null(FeedDates.Parse(text));
    }
}
