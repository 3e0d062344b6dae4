using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;
using Monitor.Hosting.Access;

namespace Monitor.Alerts.Raised;

/// <summary>
/// Who sees which alert: whoever may see its subscription (analysts: their own). Failure reasons quote the
/// channel's URL, so for all but admins their credentials are masked.
/// </summary>
internal static class AlertAccess
{
    public static bool MaySee(this Caller caller, AlertRaised alert, SubscriptionRegistry registry) =>
        caller.CanSee(registry.Find(alert.SubscriptionId)?.Owner);

    public static AlertView For(this AlertView view, Caller caller) =>
        caller.IsAdmin ? view : view with
        {
            Failed = view.Failed.Select(f => f with { Reason = SecretMask.InText(f.Reason) }).ToArray(),
            Channels = view.Channels.Select(c => c.Reason is null ? c : c with { Reason = SecretMask.InText(c.Reason) }).ToArray(),
        };

    /// <summary>A delivery outcome as the caller may read it: the URL a failure reason quotes is masked for all but admins.</summary>
    public static object For(this object outcome, Caller caller) => caller.IsAdmin ? outcome : outcome switch
    {
        AlertDeliveryFailed f => f with { Reason = SecretMask.InText(f.Reason) },
        AlertDeliveryRetrying r => r with { Reason = SecretMask.InText(r.Reason) },
        _ => outcome,
    };
}
