using Microsoft.Extensions.Configuration;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Hosting.Configuration;
using Xunit;

namespace Monitor.Feeds.Tests.Sdk;

public sealed class FeedSettingsTests
{
    private static FeedSettings Read(params (string Key, string Value)[] values) =>
        FeedSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(), "weibo");

    [Fact]
    public void From_reads_keywords_split_on_ascii_and_full_width_commas()
    {
        var settings = Read(("MONITOR_FEED_KEYWORDS", "小米SU7，雷军, SU7 Ultra ,"));
        Assert.Equal(["小米SU7", "雷军", "SU7 Ultra"], settings.Keywords);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("5m", 300_000)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("45", 45_000)]
    public void From_reads_the_interval_in_every_written_form(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Read(("MONITOR_FEED_INTERVAL", text)).Interval);

    [Fact]
    public void From_uses_the_service_name_and_defaults_when_nothing_is_set()
    {
        var settings = Read();
        Assert.Equal(("weibo", 5, TimeSpan.FromSeconds(60), 60d), (settings.Name, settings.MaxPages, settings.Interval, settings.ReplaySpeed));
    }

    [Theory]
    [InlineData("MONITOR_FEED_INTERVAL", "soon", "duration")]
    [InlineData("MONITOR_FEED_MAX_PAGES", "0", "from 1 to 1000")]
    [InlineData("MONITOR_FEED_BASE_URL", "weibo.example", "absolute http")]
    [InlineData("MONITOR_FEED_NAME", "Weibo Feed", "lower-case")]
    [InlineData("MONITOR_REPLAY_SPEED", "-2", "positive number")]
    public void From_names_the_variable_and_the_problem_for_a_bad_value(string variable, string value, string problem)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read((variable, value)));
        Assert.Equal(variable, error.Variable);
        Assert.Contains(problem, error.Message);
        Assert.Contains(value, error.Message);
    }
}
