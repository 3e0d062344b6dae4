namespace Monitor.Alerts.Delivery;

/// <summary>How one attempt to deliver an alert to a channel went.</summary>
/// <param name="Reason">What went wrong, for an operator; null when delivered.</param>
/// <param name="Retryable">
/// The failure may pass (network error, timeout, 5xx, 408, 429, open circuit): the schedule tries again. False for an
/// answer a retry cannot change (another 4xx, a refused destination, a target that cannot be used): failed at once.
/// </param>
public sealed record DeliveryAttempt(bool Delivered, string? Reason, bool Retryable);
