namespace Monitor.Contracts.Alerts;

/// <summary>One alert of the day as the digest lists it.</summary>
/// <param name="Held">Raised during quiet hours and not sent at the time: the digest is its delivery.</param>
public sealed record DigestAlert(Guid AlertId, string RuleId, string Kind, string Summary, DateTimeOffset RaisedAt, bool Held);
