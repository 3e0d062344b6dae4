using Monitor.Hosting.Access;
using Monitor.Alerts.Startup;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Backtest;

public static class BacktestEndpoints
{
    /// <summary>
    /// GET /api/subscriptions/{id}/backtest?from=..&amp;to=..: the alerts the rules would have raised (nothing is stored or sent).
    /// The period is bounded (<see cref="BacktestPeriod"/>); outside it the answer is 400 naming from or to.
    /// </summary>
    public static void MapBacktestEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/subscriptions/{id:guid}/backtest", async (Guid id, DateTimeOffset? from, DateTimeOffset? to, HttpContext http,
            SubscriptionRegistry registry, History history, TimeProvider clock, CancellationToken ct) =>
        {
            var caller = http.Caller();
            if (registry.Find(id) is not { Archived: false } subscription || !caller.CanSee(subscription.Owner))
                return Results.NotFound();
            var now = clock.GetUtcNow();
            var end = to ?? now;
            var start = from ?? (end - BacktestPeriod.Earliest > BacktestPeriod.DefaultSpan ? end - BacktestPeriod.DefaultSpan : BacktestPeriod.Earliest);
            var problems = BacktestPeriod.Problems(start, end, now);
            if (problems.Count > 0)
                return Results.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()),
                    title: "The backtest period is out of bounds; nothing was run.");
            if (subscription.Problem is { } problem)
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The subscription cannot be evaluated; repair it first.", detail: problem);
            var items = await history.ScoredBetweenAsync(BacktestRun.Earliest(start, BacktestRun.WarmUp(subscription)), end, subscription.Scope.NeedsText, ct);
            return Results.Ok(BacktestRun.Run(subscription, items, start, end));
        });
    }
}
