using Monitor.Contracts;

namespace Monitor.Alerts.Digests;

/// <summary>A digest's id (and stream id) from subscription and local day: the same day's digest is always the same stream.</summary>
public static class DigestIds
{
    public static Guid For(Guid subscriptionId, DateOnly day) =>
        CoverageIdentity.NameBased(subscriptionId, $"digest:{day:yyyy-MM-dd}");
}
