using Monitor.Contracts;

namespace Monitor.Alerts.Quiet;

/// <summary>A release's id (and stream id) from subscription and the quiet spell's end: the same spell is always the same stream.</summary>
public static class HeldReleaseIds
{
    public static Guid For(Guid subscriptionId, DateTimeOffset quietUntil) =>
        CoverageIdentity.NameBased(subscriptionId, $"held-release:{quietUntil.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}");
}
