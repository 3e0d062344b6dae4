using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monitor.Bench.Alerts;

/// <summary>
/// The webhook on 127.0.0.1 (free port) the subscription delivers to. It notes when each alert arrived
/// (<see cref="Stopwatch"/> ticks of this process, the clock the probes are timed with), keyed by the link
/// of the alert's first mention: the probe that tipped the rule.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new();

    public int Received => _received;
    public string Url { get; private set; } = "";
    private int _received;

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/echo", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        _app.MapPost("/alerts", async context =>
        {
            var at = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            Interlocked.Increment(ref _received);
            if (body.RootElement.TryGetProperty("topMentions", out var mentions) && mentions.GetArrayLength() > 0
                && mentions[0].TryGetProperty("url", out var url) && url.GetString() is { } link)
                Arrival(link).TrySetResult(at);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Urls.Single();
        return receiver;
    }

    /// <summary>Completes with the arrival timestamp of the alert whose first mention links to <paramref name="link"/>.</summary>
    public Task<long> ArrivalOf(string link) => Arrival(link).Task;

    private TaskCompletionSource<long> Arrival(string link) =>
        _waiting.GetOrAdd(link, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
