namespace Monitor.Contracts.Alerts;

/// <summary>
/// A daily digest went out. Stream <c>digest-{DigestId}</c>, whose id is fixed per subscription and local
/// day, so a restart sees the day's digest as sent and never sends it again.
/// </summary>
/// <param name="Channels">How each channel took it.</param>
public sealed record DigestSent(Digest Digest, IReadOnlyList<DigestChannelResult> Channels, DateTimeOffset At);

/// <summary>One channel's outcome for a digest: delivered, or the reason it was not.</summary>
public sealed record DigestChannelResult(string ChannelId, string Kind, bool Delivered, int Attempts, string? Reason);
