using System.Text.Json;
using Monitor.Hosting.Access;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Raised;

public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        // Analysts see the alerts of their own subscriptions only; to them another's alert does not exist.
        api.MapGet("/alerts", (AlertLog log, Guid? subscriptionId, int? limit, HttpContext http, SubscriptionRegistry registry) =>
        {
            var caller = http.Caller();
            return Results.Ok(log.Recent(Math.Clamp(limit ?? 100, 1, AlertLog.Kept), subscriptionId, a => caller.MaySee(a, registry))
                .Select(v => v.For(caller)));
        });

        api.MapGet("/alerts/{id:guid}", (Guid id, AlertLog log, HttpContext http, SubscriptionRegistry registry) =>
            Visible(id, http.Caller(), log, registry) is { } view ? Results.Ok(view.For(http.Caller())) : Results.NotFound());

        api.MapPost("/alerts/{id:guid}/ack", async (Guid id, HttpContext http, AlertLog log, SubscriptionRegistry registry, AlertStreamWriter writer, TimeProvider clock, CancellationToken ct) =>
        {
            var caller = http.Caller();
            if (Visible(id, caller, log, registry) is not { } view) return Results.NotFound();
            if (view.Acknowledged is { } already) return Results.Ok(already);
            var ack = new AlertAcknowledged(id, caller.Owner, clock.GetUtcNow());
            // One acknowledgement per alert: the event id is fixed, so a second ack is a no-op append.
            var ackId = CoverageIdentity.NameBased(id, MonitorEventTypes.AlertAcknowledged);
            if (await writer.AppendAsync(id, stream => stream.Any(e => e.Data is AlertAcknowledged) ? null : ack, _ => ackId, ct) is not null)
                log.Apply(ack);
            return Results.Ok(log.Find(id)!.Acknowledged ?? ack);
        })
        .RequireRole(AccessPolicies.Writer, "Viewers cannot acknowledge alerts");

        api.MapPost("/alerts/{id:guid}/resend", async (Guid id, string? channel, HttpContext http, AlertLog log, SubscriptionRegistry registry, DeliveryWorker delivery, CancellationToken ct) =>
        {
            if (Visible(id, http.Caller(), log, registry) is not { } view) return Results.NotFound();
            return Results.Ok((await delivery.ResendAsync(view.Alert.AlertId, channel, ct)).Select(o => o.For(http.Caller())));
        })
        .RequireRole(AccessPolicies.Writer, "Viewers cannot re-send alerts");

        // Server-sent events: one "alert" event per raised alert the caller may see, a comment every 15 s to keep proxies
        // from closing the stream. It ends when the caller's key is revoked.
        api.MapGet("/alerts/stream", async (HttpContext http, AlertLog log, SubscriptionRegistry registry, ApiKeys keys, CancellationToken aborted) =>
        {
            var caller = http.Caller();
            using var revokedOrAborted = CancellationTokenSource.CreateLinkedTokenSource(aborted, keys.Revocation(caller));
            var ct = revokedOrAborted.Token;
            http.Response.Headers.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var (reader, subscription) = log.Listen();
            using (subscription)
            try
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
                        if (!caller.MaySee(alert, registry)) continue;
                        await http.Response.WriteAsync($"event: alert\nid: {alert.AlertId}\ndata: {JsonSerializer.Serialize(alert, ChannelFormats.Json)}\n\n", ct);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    }
                    await http.Response.Body.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // the client went away, or its key was revoked: the response ends here
            }
        });
    }

    /// <summary>The alert, when the caller may see it.</summary>
    private static AlertView? Visible(Guid id, Caller caller, AlertLog log, SubscriptionRegistry registry) =>
        log.Find(id) is { } view && caller.MaySee(view.Alert, registry) ? view : null;
}
