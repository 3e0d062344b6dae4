using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.EventStore;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;
using Monitor.Feeds.Sdk.Journal;
using Monitor.Feeds.Sdk.Polling;
using Monitor.Feeds.Sdk.Publishing;
using Monitor.Hosting;
using Monitor.Hosting.Bus;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Storage;

namespace Monitor.Feeds.Sdk.Hosting;

public static class FeedHosting
{
    /// <summary>
    /// Everything a feed service is made of besides its source: Monitor's service defaults (settings,
    /// logs, health, event store), the bus (publish only), the feed's settings from the environment,
    /// the resilient HTTP client, the journal in the event store, and the poll schedule.
    /// </summary>
    /// <param name="serviceName">The service's name (also the default feed name), e.g. "weibo".</param>
    /// <param name="defaultPort">Where it listens when ASPNETCORE_URLS is unset (feeds use 5110-5119).</param>
    public static WebApplicationBuilder AddMonitorFeed<TSource>(this WebApplicationBuilder builder, string serviceName, int defaultPort)
        where TSource : class, IFeedSource
    {
        builder.AddMonitorDefaults(serviceName);
        if (string.IsNullOrWhiteSpace(builder.Configuration[MonitorSettings.UrlsVariable]))
            builder.WebHost.UseUrls($"http://127.0.0.1:{defaultPort}");

        var settings = FeedSettings.From(builder.Configuration, serviceName);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.TryAddTimeProvider();

        // The store must know the feed events besides the pipeline's (the last registration wins).
        services.AddSingleton(_ => FeedEventTypes.Register(MonitorEventTypes.CreateRegistry()));
        builder.AddMonitorBus();

        services.AddHttpClient(FeedHttpClient.ClientName, http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's per-attempt timeout governs
                http.DefaultRequestHeaders.Add("User-Agent", $"Monitor-Feed/{serviceName}");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
            })
            // FeedHttpClient keeps its client for the service's life; the handler renews its connections itself.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new RequestGate(settings.RequestSpacing, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<FeedHttpClient>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(FeedHttpClient.ClientName)));

        services.AddSingleton<ICoveragePublisher, BusCoveragePublisher>();
        services.AddSingleton<IFeedJournal>(sp => new EventStoreFeedJournal(sp.GetRequiredService<global::Monitor.EventStore.EventStore>(), settings.Name));
        services.AddSingleton<TSource>();
        services.AddSingleton<IFeedSource>(sp => sp.GetRequiredService<TSource>());
        services.AddSingleton<FeedStatus>();
        services.AddSingleton<FeedPoller>();
        services.AddHostedService<FeedWorker>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = FeedPoller.FinishPageGrace + TimeSpan.FromSeconds(5));

        services.AddHealthChecks().AddCheck<FeedHealthCheck>("feed", tags: [MonitorDefaults.ReadyTag]);
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
