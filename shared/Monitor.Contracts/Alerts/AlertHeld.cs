namespace Monitor.Contracts.Alerts;

/// <summary>
/// An alert was raised during its subscription's quiet hours: it is not sent to the channels now but goes
/// out with the spell's other held alerts when the quiet hours end (HeldAlertsReleased), and is listed in the
/// next daily digest. Appended to <c>alert-{AlertId}</c> after its AlertRaised.
/// </summary>
/// <param name="Until">When the quiet hours end (UTC).</param>
public sealed record AlertHeld(Guid AlertId, Guid SubscriptionId, DateTimeOffset Until, DateTimeOffset At);
