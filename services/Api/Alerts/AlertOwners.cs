using System.Collections.Concurrent;
using Monitor.Contracts.Alerts;
using Monitor.Hosting.Access;

namespace Monitor.Api.Alerts;

/// <summary>
/// Whose subscription raised an alert, read from the log (the alert's AlertRaised, the subscription's
/// SubscriptionCreated) rather than the read models, which may lag. Neither ever changes, so answers are kept.
/// </summary>
internal sealed class AlertOwners(EventStore.EventStore store)
{
    private readonly ConcurrentDictionary<Guid, Guid> _subscriptionOfAlert = new();
    private readonly ConcurrentDictionary<Guid, string> _ownerOfSubscription = new();

    /// <summary>Whether the caller may see the alert (as its subscription); false for an alert not stored.</summary>
    public async Task<bool> MaySeeAsync(Caller caller, Guid alertId, CancellationToken ct) =>
        caller.CanSee(null) || caller.CanSee(await OwnerOfAlertAsync(alertId, ct));

    private async Task<string?> OwnerOfAlertAsync(Guid alertId, CancellationToken ct)
    {
        if (!_subscriptionOfAlert.TryGetValue(alertId, out var subscriptionId))
        {
            var raised = (await store.ReadStreamAsync(alertId, ct: ct)).Select(e => e.Data).OfType<AlertRaised>().FirstOrDefault();
            if (raised is null) return null;
            subscriptionId = _subscriptionOfAlert[alertId] = raised.SubscriptionId;
        }
        if (_ownerOfSubscription.TryGetValue(subscriptionId, out var owner)) return owner;
        var created = (await store.ReadStreamAsync(subscriptionId, ct: ct)).Select(e => e.Data).OfType<SubscriptionCreated>().FirstOrDefault();
        return created is null ? null : _ownerOfSubscription[subscriptionId] = created.Owner;
    }
}
