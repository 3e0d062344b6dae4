using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monitor.Alerts.Tests.Delivery;

/// <summary>An HTTP endpoint on 127.0.0.1 (free port) that records every request and answers with the queued status codes, then 200.</summary>
public sealed class LocalReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();
    private volatile TaskCompletionSource _gate = Open();

    public sealed record Received(string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

    public ConcurrentQueue<Received> Requests { get; } = new();
    public string Url { get; private set; } = "";

    private LocalReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await _gate.Task.WaitAsync(context.RequestAborted);
            Requests.Enqueue(new Received(context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
        });
    }

    public static async Task<LocalReceiver> StartAsync()
    {
        var receiver = new LocalReceiver();
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Urls.Single();
        return receiver;
    }

    /// <summary>The next requests get these status codes, in order.</summary>
    public void Answer(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses) _statuses.Enqueue((int)status);
    }

    /// <summary>Requests wait (unanswered, unrecorded) until <see cref="Release"/>: a receiver that hangs.</summary>
    public void Stall() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
