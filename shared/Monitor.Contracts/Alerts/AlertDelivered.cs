namespace Monitor.Contracts.Alerts;

/// <summary>An alert reached one of its subscription's channels.</summary>
/// <param name="Attempts">How many tries it took, the successful one included.</param>
public sealed record AlertDelivered(Guid AlertId, string ChannelId, string ChannelKind, int Attempts, DateTimeOffset At);
