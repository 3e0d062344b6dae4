using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Feeds.Sdk.Polling;

namespace Monitor.Feeds.Sdk.Hosting;

/// <summary>
/// Unhealthy until the feed registered; degraded (still HTTP 200, so the process is not restarted
/// for its source's trouble) while cycles fail, with the last reason in the description; degraded with just
/// "not configured: set X (...)" while a setting it needs is missing; degraded while its last cycle refused pages
/// (a login wall, a captcha, a cut-off answer), with how many and the last reason.
/// </summary>
public sealed class FeedHealthCheck(FeedStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = status.Current;
        var data = new Dictionary<string, object>
        {
            ["cycles"] = current.Cycles,
            ["published"] = current.Published,
            ["quarantined"] = current.Quarantined,
            ["consecutiveFailures"] = current.ConsecutiveFailures,
            ["pagesRefused"] = current.PagesRefused,
        };
        var result = current switch
        {
            { Registered: false } => HealthCheckResult.Unhealthy("the feed has not registered yet", data: data),
            // Degraded, as it reads nothing, but with what to set rather than a count of failed cycles.
            { NotConfigured: true } => HealthCheckResult.Degraded(current.LastFailure, data: data),
            { ConsecutiveFailures: > 0 } => HealthCheckResult.Degraded($"{current.ConsecutiveFailures} failed cycles: {current.LastFailure}", data: data),
            { LastCyclePagesRefused: > 0 } => HealthCheckResult.Degraded(
                $"{current.LastCyclePagesRefused} pages refused in the last cycle: {current.LastPageRefused}", data: data),
            _ => HealthCheckResult.Healthy("polling", data),
        };
        return Task.FromResult(result);
    }
}
