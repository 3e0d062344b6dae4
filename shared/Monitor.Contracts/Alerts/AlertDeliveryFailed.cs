namespace Monitor.Contracts.Alerts;

/// <summary>An alert could not reach a channel after the last retry. Visible in the alert list; can be re-sent.</summary>
/// <param name="Reason">What went wrong, for an operator: "HTTP 500 from https://...", "circuit open", "refused: 10.0.0.5 is a private address".</param>
public sealed record AlertDeliveryFailed(Guid AlertId, string ChannelId, string ChannelKind, string Reason, int Attempts, DateTimeOffset At);
