using Monitor.Api.Querying;
using Monitor.Hosting.Access;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Alerts;

public static class AlertEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", async (string? subscriptionId, string? acknowledged, string? page, string? pageSize, AlertQueries alerts, CancellationToken ct) =>
        {
            var errors = new QueryErrors();
            Guid? subscription = null;
            if (!string.IsNullOrWhiteSpace(subscriptionId))
            {
                if (Guid.TryParse(subscriptionId, out var id)) subscription = id;
                else errors.Add("subscriptionId", $"'{subscriptionId}' is not a subscription id (a UUID)");
            }
            bool? ack = null;
            if (!string.IsNullOrWhiteSpace(acknowledged))
            {
                if (bool.TryParse(acknowledged, out var value)) ack = value;
                else errors.Add("acknowledged", $"must be true or false, not '{acknowledged}'");
            }
            var paging = Paging.Parse(page, pageSize, errors);
            return errors.Any ? errors.ToResult() : Results.Ok(await alerts.ListAsync(subscription, ack, paging, ct));
        })
        .WithName("ListAlerts").WithSummary("Raised alerts, newest first, with acknowledgement and delivery failures.")
        .Produces<Paged<AlertView>>();

        api.MapPost("/alerts/{id:guid}/ack", async (Guid id, HttpContext http, AcknowledgeAlert acknowledge, CancellationToken ct) =>
        {
            var caller = http.Caller();
            if (!caller.CanWrite) return CallerExtensions.Forbidden("Viewers cannot acknowledge alerts");
            return await acknowledge.AcknowledgeAsync(id, caller, ct) is { } ack
                ? Results.Ok(ack)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no alert {id}");
        })
        .WithName("AcknowledgeAlert").WithSummary("Takes charge of an alert (analysts and admins). The first acknowledgement stands.")
        .Produces<AlertAcknowledgement>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/alerts/stream", async (HttpContext http, AlertStream stream, CancellationToken ct) =>
        {
            using var listener = await stream.ListenAsync(ct);
            try
            {
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["X-Accel-Buffering"] = "no";
                await http.Response.WriteAsync(": connected\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                while (!ct.IsCancellationRequested)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    wait.CancelAfter(KeepAlive);
                    try
                    {
                        var message = await listener.ReadAsync(wait.Token);
                        await http.Response.WriteAsync(message.Text, ct);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        // a comment line every few seconds keeps proxies from closing an idle stream
                        await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    }
                    await http.Response.Body.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // the client went away
            }
        })
        .WithName("AlertStream").WithSummary("Server-sent events: 'alert' for each alert raised while connected, 'alert-updated' ({id} and the AlertView fields that changed: acknowledged, held, releasedAt, deliveries, deliveryFailures) for each change to an alert; comments keep the stream alive.")
        .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }
}
