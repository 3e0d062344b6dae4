namespace Monitor.Contracts.Alerts;

/// <summary>
/// Local hours in which alerts are held instead of sent; they go out together when the hours end (and are listed in
/// the daily digest). May wrap midnight (22:00–07:00); From is inside, To is not.
/// </summary>
/// <param name="TimeZone">IANA time zone, e.g. "Asia/Shanghai".</param>
/// <param name="UrgentBreaksThrough">When true, negative-reach alerts (one large negative mention) are sent even in quiet hours.</param>
public sealed record QuietHours(TimeOnly From, TimeOnly To, string TimeZone, bool UrgentBreaksThrough = false);
