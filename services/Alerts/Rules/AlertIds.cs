using Monitor.Contracts;

namespace Monitor.Alerts.Rules;

/// <summary>
/// Alert ids derived from what the alert is about, so re-evaluating the same items (a redelivered message,
/// a restart replaying history) raises an alert with an id the store already holds: a no-op append.
/// </summary>
public static class AlertIds
{
    public static Guid ForWindow(Guid subscriptionId, string ruleId, DateTimeOffset windowStart, int escalationLevel) =>
        CoverageIdentity.NameBased(subscriptionId, $"alert:{ruleId}:{windowStart.UtcTicks}:{escalationLevel}");

    public static Guid ForItem(Guid subscriptionId, string ruleId, Guid coverageId, int escalationLevel) =>
        CoverageIdentity.NameBased(subscriptionId, $"alert:{ruleId}:item:{coverageId:N}:{escalationLevel}");
}
