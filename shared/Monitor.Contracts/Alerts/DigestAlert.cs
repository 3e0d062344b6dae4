namespace Monitor.Contracts.Alerts;

/// <summary>One alert of the day as the digest lists it.</summary>
/// <param name="Held">Raised during quiet hours and not sent at the time.</param>
/// <param name="ReleasedAt">When a held alert went out at the end of its quiet spell (HeldAlertsReleased); null: the digest is its only delivery.</param>
public sealed record DigestAlert(Guid AlertId, string RuleId, string Kind, string Summary, DateTimeOffset RaisedAt, bool Held, DateTimeOffset? ReleasedAt = null);
