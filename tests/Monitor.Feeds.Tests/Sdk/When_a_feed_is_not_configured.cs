using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.Feeds.Rss;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Hosting;
using Monitor.Feeds.Sdk.Polling;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Tests.Support;
using Xunit;

namespace Monitor.Feeds.Tests.Sdk;

public sealed class When_a_feed_is_not_configured
{
    [Fact]
    public async Task Should_say_which_setting_to_set_in_health_and_in_FeedFailing_without_an_exception()
    {
        var settings = Clients.Quick() with { Name = "news", Interval = TimeSpan.FromMilliseconds(20) };
        var source = new RssFeed(Clients.Create(settings), settings);
        var journal = new InMemoryFeedJournal();
        var status = new FeedStatus();
        var worker = new FeedWorker(source, journal,
            new FeedPoller(source, journal, new RecordingPublisher(), settings, TimeProvider.System, NullLogger<FeedPoller>.Instance),
            status, settings, TimeProvider.System, NullLogger<FeedWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        var failed = await Eventually.HoldsAsync(() => Task.FromResult(status.Current.ConsecutiveFailures > 0), TimeSpan.FromSeconds(10));
        await worker.StopAsync(CancellationToken.None);
        var health = await new FeedHealthCheck(status).CheckHealthAsync(new HealthCheckContext());

        Assert.True(failed, "the unconfigured feed never ran a cycle");
        const string expected = "not configured: set MONITOR_FEED_URLS (the RSS / Atom feed URLs to read, comma-separated)";
        Assert.Equal((HealthStatus.Degraded, expected), (health.Status, health.Description));
        List<FeedFailing> failing;
        lock (journal.Events) failing = journal.Events.OfType<FeedFailing>().ToList();
        Assert.All(failing, f => Assert.Equal(expected, f.Reason));
        Assert.NotEmpty(failing);
    }
}
