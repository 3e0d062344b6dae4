namespace Monitor.Contracts.Alerts;

/// <summary>Local hours in which alerts are held for the digest instead of sent. May wrap midnight (22:00–07:00).</summary>
/// <param name="TimeZone">IANA time zone, e.g. "Asia/Shanghai".</param>
public sealed record QuietHours(TimeOnly From, TimeOnly To, string TimeZone);
