namespace Monitor.Contracts.Alerts;

/// <summary>
/// The alerts a subscription's quiet hours held went out when the quiet spell ended, one message per channel.
/// Stream <c>held-release-{ReleaseId}</c>, whose id is fixed per subscription and spell, so a restart sees the
/// spell as released and never sends it again.
/// </summary>
/// <param name="Channels">How each channel took it.</param>
public sealed record HeldAlertsReleased(HeldAlerts Release, IReadOnlyList<DigestChannelResult> Channels, DateTimeOffset At);

/// <summary>What a channel gets when a quiet spell ends: the alerts held during it, oldest first.</summary>
/// <param name="ReleaseId">UUIDv5 of subscription + the spell's end: the same spell always has the same id (X-Monitor-Id).</param>
/// <param name="QuietUntil">When the spell ended (UTC): the AlertHeld.Until of every alert listed.</param>
/// <param name="QuietHours">The subscription's quiet hours when released; null once they were removed.</param>
public sealed record HeldAlerts(
    Guid ReleaseId,
    Guid SubscriptionId,
    string SubscriptionName,
    DateTimeOffset QuietUntil,
    QuietHours? QuietHours,
    IReadOnlyList<AlertRaised> Alerts);
