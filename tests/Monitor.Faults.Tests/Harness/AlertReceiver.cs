using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monitor.Testing.Processes;

namespace Monitor.Faults.Tests.Harness;

/// <summary>
/// A webhook receiver on 127.0.0.1 that can go down (its port closed: connection refused) and come back on the same
/// port. It takes every alert it is sent and notes it by delivery id (X-Monitor-Delivery-Id), with the alert's id
/// from the body and the channel from the path, as a receiver that dedupes would.
/// </summary>
public sealed class AlertReceiver : IAsyncDisposable
{
    public const string DeliveryIdHeader = "X-Monitor-Delivery-Id";

    private readonly int _port = FreePort.Next();
    private WebApplication? _app;

    /// <summary>One alert taken: its delivery id, the alert and the channel (the path it was posted to).</summary>
    public sealed record Taken(string DeliveryId, Guid AlertId, string Channel);

    public ConcurrentQueue<Taken> Received { get; } = new();

    public string Url => $"http://127.0.0.1:{_port}";
    public bool IsUp => _app is not null;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Url);
        var app = builder.Build();
        app.Run(async context =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            Received.Enqueue(new Taken(context.Request.Headers[DeliveryIdHeader].ToString(),
                body.RootElement.GetProperty("alertId").GetGuid(), context.Request.Path.Value!.Trim('/')));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is not { } app) return;
        _app = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
