using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// The HTTP client alert delivery posts with (webhooks and chat channels), from IHttpClientFactory: its connections
/// go through the <see cref="SsrfGuard"/>'s handler, and every request through a circuit breaker and a per-attempt
/// timeout of its own destination (scheme, host and port), so one dead bot endpoint does not slow the others.
/// </summary>
public static class ChannelHttp
{
    public const string ClientName = "alert-channels";

    /// <summary>The longest a whole request may take, whatever the attempt timeout says.</summary>
    public static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(60);

    public static IHttpClientBuilder AddChannelHttpClient(this IServiceCollection services, Func<SocketsHttpHandler> connect, DeliveryOptions options)
    {
        var client = services.AddHttpClient(ClientName, http => http.Timeout = RequestLimit)
            .ConfigurePrimaryHttpMessageHandler(connect);
        client.AddResilienceHandler("destination", pipeline => pipeline
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    ShouldHandle = ChannelDeliverer.Transient(),
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakDuration,
                }))
            .SelectPipelineByAuthority();
        // Inside the breaker, so a timed-out attempt counts against its destination. Network time is wall time:
        // the service's TimeProvider (which the breaker keeps) is the clock of quiet hours and digests, which tests
        // move by hand, and an attempt timeout on it fired whenever that clock jumped during a request.
        client.AddResilienceHandler("attempt", pipeline =>
            {
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddTimeout(options.AttemptTimeout);
            })
            .SelectPipelineByAuthority();
        return client;
    }

    /// <summary>The client as <see cref="AddChannelHttpClient"/> configured it.</summary>
    public static HttpClient ChannelClient(this IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
}
