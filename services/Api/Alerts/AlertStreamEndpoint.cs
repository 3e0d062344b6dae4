using Microsoft.Extensions.Primitives;
using Monitor.Api.Querying;
using Monitor.EventStore;
using Monitor.Hosting.Access;

namespace Monitor.Api.Alerts;

/// <summary>
/// <c>GET /api/alerts/stream</c>: server-sent events from a position (the <c>Last-Event-ID</c> header EventSource sends
/// when it reconnects, else <c>after=</c>, e.g. the list's position), first caught up from the log, then live; without
/// one, live from now.
/// </summary>
internal static class AlertStreamEndpoint
{
    public const string LastEventIdHeader = "Last-Event-ID";

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void MapAlertStream(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts/stream", async (string? after, HttpContext http, AlertStream stream, AlertOwners owners, ApiKeys keys, CancellationToken aborted) =>
        {
            var errors = new QueryErrors();
            var start = StartOf(http.Request.Headers[LastEventIdHeader], after, errors);
            if (errors.Any) return errors.ToResult();
            var caller = http.Caller();
            // The stream ends when the caller's key is revoked, and carries only the alerts the caller may see.
            using var revokedOrAborted = CancellationTokenSource.CreateLinkedTokenSource(aborted, keys.Revocation(caller));
            await StreamAsync(http.Response, stream, start,
                (message, ct) => message.AlertId is not { } id ? Task.FromResult(true) : owners.MaySeeAsync(caller, id, ct), revokedOrAborted.Token);
            return Results.Empty;
        })
        .WithName("AlertStream").WithSummary(
            "Server-sent events, each with id: the log position it comes from (a release's several updates: on the last): 'alert' for each alert raised, 'alert-updated' ({id} and the " +
            "AlertView fields that changed: acknowledged, held, releasedAt, deliveries, deliveryFailures) for each change to an alert (analysts: of their own subscriptions). " +
            "From the Last-Event-ID header, else after= (the list's position), it first sends what was stored after that position; " +
            $"'reload' when that is more than {AlertCatchUp.Limit} alert events. Comments keep the stream alive.")
        .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
        .ProducesValidationProblem();
    }

    /// <summary>The position to resume after: the header wins, since EventSource reconnects to the first URL, after= and all.</summary>
    private static GlobalPosition? StartOf(StringValues lastEventId, string? after, QueryErrors errors)
    {
        var (name, text) = !StringValues.IsNullOrEmpty(lastEventId) ? (LastEventIdHeader, lastEventId.ToString())
            : !string.IsNullOrWhiteSpace(after) ? ("after", after)
            : (null, null);
        if (name is null) return null;
        if (StreamPosition.TryParse(text, out var position)) return position;
        errors.Add(name, StreamPosition.Problem(text!));
        return null;
    }

    private static async Task StreamAsync(HttpResponse response, AlertStream stream, GlobalPosition? start,
        Func<AlertStreamMessage, CancellationToken, Task<bool>> mayGet, CancellationToken ct)
    {
        try
        {
            using var listener = start is null ? await stream.ListenAsync(ct) : await stream.ResumeAsync(ct);
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(response, AlertStreamMessage.Connected(start ?? listener.Published), ct);
            if (start is { } from)
                await CatchUpAsync(response, stream.CatchUp, listener, from, mayGet, ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(KeepAlive);
                try
                {
                    // null: the client fell too far behind; it resumes by its last id when it reconnects
                    if (await listener.ReadAsync(wait.Token) is not { } message) return;
                    if (await mayGet(message, ct)) await WriteAsync(response, message, ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // a comment line every few seconds keeps proxies from closing an idle stream
                    await WriteAsync(response, new AlertStreamMessage(": keep-alive\n\n"), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away, or its key was revoked
        }
    }

    /// <summary>Sends what was stored after <paramref name="from"/> up to where the listener took over, or <c>reload</c>.</summary>
    private static async Task CatchUpAsync(HttpResponse response, AlertCatchUp catchUp, AlertListener listener, GlobalPosition from,
        Func<AlertStreamMessage, CancellationToken, Task<bool>> mayGet, CancellationToken ct)
    {
        if (from != listener.Published && await catchUp.ReloadInsteadAsync(from, listener.Published, ct))
        {
            // The listener brings everything after Published, and the client starts over from there.
            listener.Skips = null;
            await WriteAsync(response, AlertStreamMessage.Reload(listener.Published, AlertCatchUp.Limit), ct);
            return;
        }
        // A client ahead of the listener (its list's projection read further than this stream has) had those already.
        listener.Skips = position => position <= from;
        await foreach (var message in catchUp.ReadAsync(from, listener.Published, ct))
            if (await mayGet(message, ct))
                await WriteAsync(response, message, ct);
    }

    private static async Task WriteAsync(HttpResponse response, AlertStreamMessage message, CancellationToken ct)
    {
        await response.WriteAsync(message.Text, ct);
        await response.Body.FlushAsync(ct);
    }
}
