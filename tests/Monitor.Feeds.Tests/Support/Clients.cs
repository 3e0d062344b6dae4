using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;

namespace Monitor.Feeds.Tests.Support;

public static class Clients
{
    /// <summary>The SDK's HTTP client with quick settings, so failure tests finish in a second or two.</summary>
    public static FeedHttpClient Create(FeedSettings? settings = null)
    {
        settings ??= new FeedSettings { Name = "test" };
        return new FeedHttpClient(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            new RequestGate(settings.RequestSpacing, TimeProvider.System),
            settings, TimeProvider.System, NullLogger<FeedHttpClient>.Instance);
    }

    public static FeedSettings Quick(int retries = 2, TimeSpan? timeout = null) => new()
    {
        Name = "test",
        Retries = retries,
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
        RequestSpacing = TimeSpan.Zero,
        BreakDuration = TimeSpan.FromSeconds(30),
    };
}
