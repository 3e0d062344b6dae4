using Monitor.Hosting.Access;
using Monitor.Alerts.Startup;
using Monitor.Alerts.Subscriptions;

namespace Monitor.Alerts.Backtest;

public static class BacktestEndpoints
{
    /// <summary>GET /api/subscriptions/{id}/backtest?from=..&amp;to=..: the alerts the rules would have raised (nothing is stored or sent).</summary>
    public static void MapBacktestEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/subscriptions/{id:guid}/backtest", async (Guid id, DateTimeOffset? from, DateTimeOffset? to, HttpContext http,
            SubscriptionRegistry registry, History history, TimeProvider clock, CancellationToken ct) =>
        {
            var caller = http.Caller();
            if (registry.Find(id) is not { } subscription || !caller.CanSee(subscription.Owner))
                return Results.NotFound();
            var end = to ?? clock.GetUtcNow();
            var start = from ?? end.AddDays(-7);
            if (end <= start)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [$"{end:O} must come after from ({start:O})"] });
            var items = await history.ScoredBetweenAsync(start - BacktestRun.WarmUp(subscription), end, subscription.Scope.NeedsText, ct);
            return Results.Ok(BacktestRun.Run(subscription, items, start, end));
        });
    }
}
