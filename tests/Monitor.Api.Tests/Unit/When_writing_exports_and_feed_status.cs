using Monitor.Api.Mentions;
using Monitor.ReadModels.Feeds;

namespace Monitor.Api.Tests.Unit;

public class When_writing_exports_and_feed_status
{
    private static MentionExportRow Row(string? title, string text) => new(
        new MentionView(Guid.Empty, "news", "https://x.example/a", "A", null, new DateTimeOffset(2024, 3, 28, 10, 0, 0, TimeSpan.Zero),
            title, text, "en", [], [], null, 0, null), text);

    [Fact]
    public void Csv_quotes_only_fields_with_commas_quotes_or_line_breaks_and_doubles_quotes()
    {
        var line = MentionExport.CsvRow(Row("plain", "say \"hi\", then\r\nleave"));

        Assert.Contains(",plain,", line);
        Assert.Contains(",\"say \"\"hi\"\", then\r\nleave\",", line);
        Assert.EndsWith("\r\n", line);
        Assert.Equal(MentionExport.CsvHeader.Length - 1, line.Count(c => c == ',') - 1); // one comma sits inside the quoted text
    }

    private static FeedDocument Feed(int failures, DateTimeOffset? heartbeat, DateTimeOffset? failure) =>
        new("f", "weibo", "src", TimeSpan.FromMinutes(10), heartbeat, heartbeat, null, failure, failure is null ? null : "boom", failures, 0, 0, null, 0, 0);

    [Fact]
    public void A_feed_is_silent_after_three_intervals_and_failing_after_three_failures()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(FeedStatuses.Ok, Feed(0, now.AddMinutes(-29), null).StatusAt(now));
        Assert.Equal(FeedStatuses.Silent, Feed(0, now.AddMinutes(-31), null).StatusAt(now));
        Assert.Equal(FeedStatuses.Degraded, Feed(2, now.AddMinutes(-20), now.AddMinutes(-1)).StatusAt(now));
        Assert.Equal(FeedStatuses.Failing, Feed(FeedDocument.FailingAfter, now.AddMinutes(-40), now.AddMinutes(-1)).StatusAt(now));
        Assert.Equal(FeedStatuses.Silent, (Feed(0, null, null) with { RegisteredAt = null }).StatusAt(now));
    }

    [Fact]
    public void A_feed_whose_last_cycle_refused_pages_is_degraded_until_a_cycle_refuses_none()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var refused = Feed(0, now.AddMinutes(-1), null) with { PagesRefused = 3, LastCyclePagesRefused = 1, LastPageRefused = "GET x answered HTML" };

        Assert.Equal(FeedStatuses.Degraded, refused.StatusAt(now));
        Assert.Equal(FeedStatuses.Ok, (refused with { LastCyclePagesRefused = 0 }).StatusAt(now));
    }
}
