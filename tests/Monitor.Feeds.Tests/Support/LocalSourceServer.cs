using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Feeds.Tests.Support;

/// <summary>
/// A stand-in for a platform or news site on 127.0.0.1 and a free port. Tests give it routes that
/// serve recorded shapes, fail, hang, answer 429 with Retry-After, or hold malformed items; it
/// records every request it saw, with its time and headers.
/// </summary>
public sealed class LocalSourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalSourceServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public int CountOf(string path) => Requests.Count(r => r.Path == path);

    public static async Task<LocalSourceServer> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalSourceServer(app);
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue(new SeenRequest(
                context.Request.Path, context.Request.QueryString.Value ?? "", DateTimeOffset.UtcNow,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await next(context);
        });
        routes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public Uri Url(string relative) => new(BaseUri, relative.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    public sealed record SeenRequest(string Path, string Query, DateTimeOffset At, IReadOnlyDictionary<string, string> Headers);
}

/// <summary>Routes that misbehave the ways real sources do.</summary>
public static class Misbehaviour
{
    /// <summary>Holds the request open until the client gives up.</summary>
    public static async Task Hang(HttpContext context)
    {
        try { await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted); }
        catch (OperationCanceledException) { }
    }

    public static IResult Fail() => Results.StatusCode(StatusCodes.Status500InternalServerError);

    public static IResult TooManyRequests(HttpContext context, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString();
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }
}
