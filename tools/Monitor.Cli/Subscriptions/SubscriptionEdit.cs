using System.Text.Json;
using Monitor.Contracts.Alerts;

namespace Monitor.Cli.Subscriptions;

/// <summary>
/// `subscriptions edit ID --file`: replaces each part of the subscription that differs from the file, one edit per
/// part, each at the version the previous one left (If-Match), so a change made meanwhile by someone else is a
/// conflict, never overwritten.
/// </summary>
public static class SubscriptionEdit
{
    public static async Task<(SubscriptionView Edited, IReadOnlyList<string> Changed)> ApplyAsync(
        AlertsApiClient client, Guid id, SubscriptionRequest wanted, CancellationToken ct)
    {
        var current = await client.GetVersionedAsync(id, ct);
        var view = current.Value;
        var version = current.Version ?? "*";
        var changed = new List<string>();

        async Task Put(string part, object body)
        {
            var next = await client.EditAsync(id, part, body, version, ct);
            view = next.Value;
            version = next.Version ?? "*";
            changed.Add(part);
        }

        if (wanted.Name is not null && wanted.Name.Trim() != view.Name) await Put("name", new { name = wanted.Name });
        var scope = wanted.Scope ?? SubscriptionScope.Everything;
        if (Differs(scope, view.Scope)) await Put("scope", new { scope });
        if (Differs(wanted.Rules, view.Rules)) await Put("rules", new { rules = wanted.Rules });
        // Secrets shown as "(hidden)" are not the secrets: channels are replaced only when the file says something else.
        var channels = wanted.Channels ?? [];
        if (Differs(channels, view.Channels)) await Put("channels", new { channels });

        // Quiet hours need a digest: a digest is scheduled before quiet hours are set, and stopped only after they are removed.
        var digestChanges = wanted.DigestAt != view.DigestAt || wanted.DigestTimeZone != view.DigestTimeZone;
        var quietChanges = Differs(wanted.QuietHours, view.QuietHours);
        if (digestChanges && wanted.DigestAt is not null) await Put("digest", new { digestAt = wanted.DigestAt, timeZone = wanted.DigestTimeZone });
        if (quietChanges) await Put("quiet-hours", new { quietHours = wanted.QuietHours });
        if (digestChanges && wanted.DigestAt is null) await Put("digest", new { digestAt = (TimeOnly?)null, timeZone = wanted.DigestTimeZone });

        // A subscription the service could not evaluate is evaluated again once an edit leaves it valid; one that was
        // already like the file is repaired by writing its rules again.
        if (changed.Count == 0 && view.Problem is not null && wanted.Rules is not null) await Put("rules", new { rules = wanted.Rules });
        return (view, changed);
    }

    private static bool Differs<T>(T wanted, T current) =>
        JsonSerializer.Serialize(wanted, AlertsApiClient.Json) != JsonSerializer.Serialize(current, AlertsApiClient.Json);
}
