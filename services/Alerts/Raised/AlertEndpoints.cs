using System.Text.Json;
using Monitor.Hosting.Access;
using Monitor.Alerts.Delivery;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Raised;

public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", (AlertLog log, Guid? subscriptionId, int? limit) =>
            Results.Ok(log.Recent(Math.Clamp(limit ?? 100, 1, AlertLog.Kept), subscriptionId)));

        api.MapGet("/alerts/{id:guid}", (Guid id, AlertLog log) => log.Find(id) is { } view ? Results.Ok(view) : Results.NotFound());

        api.MapPost("/alerts/{id:guid}/ack", async (Guid id, HttpContext http, AlertLog log, AlertStreamWriter writer, TimeProvider clock, CancellationToken ct) =>
        {
            var caller = http.Caller();
            if (!caller.CanWrite) return CallerExtensions.Forbidden("Viewers cannot acknowledge alerts");
            if (log.Find(id) is not { } view) return Results.NotFound();
            if (view.Acknowledged is { } already) return Results.Ok(already);
            var ack = new AlertAcknowledged(id, caller.Owner, clock.GetUtcNow());
            // One acknowledgement per alert: the event id is fixed, so a second ack is a no-op append.
            var ackId = CoverageIdentity.NameBased(id, MonitorEventTypes.AlertAcknowledged);
            if (await writer.AppendAsync(id, stream => stream.Any(e => e.Data is AlertAcknowledged) ? null : ack, _ => ackId, ct) is not null)
                log.Apply(ack);
            return Results.Ok(log.Find(id)!.Acknowledged ?? ack);
        });

        api.MapPost("/alerts/{id:guid}/resend", async (Guid id, string? channel, HttpContext http, AlertLog log, DeliveryWorker delivery, CancellationToken ct) =>
        {
            if (!http.Caller().CanWrite) return CallerExtensions.Forbidden("Viewers cannot re-send alerts");
            if (log.Find(id) is not { } view) return Results.NotFound();
            return Results.Ok(await delivery.ResendAsync(view.Alert.AlertId, channel, ct));
        });

        // Server-sent events: one "alert" event per raised alert, a comment every 15 s to keep proxies from closing the stream.
        api.MapGet("/alerts/stream", async (HttpContext http, AlertLog log, CancellationToken ct) =>
        {
            http.Response.Headers.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var (reader, subscription) = log.Listen();
            using (subscription)
            {
                await http.Response.WriteAsync(": connected\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                while (!ct.IsCancellationRequested)
                {
                    using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    heartbeat.CancelAfter(TimeSpan.FromSeconds(15));
                    try
                    {
                        var alert = await reader.ReadAsync(heartbeat.Token);
                        await http.Response.WriteAsync($"event: alert\nid: {alert.AlertId}\ndata: {JsonSerializer.Serialize(alert, ChannelFormats.Json)}\n\n", ct);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    }
                    await http.Response.Body.FlushAsync(ct);
                }
            }
        });
    }
}
