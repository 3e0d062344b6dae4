namespace Monitor.Alerts.Digests;

/// <summary>One scheduled digest: the local day it belongs to and the stretch it covers, [From, To) in UTC.</summary>
public sealed record DigestOccurrence(DateOnly Day, string TimeZone, DateTimeOffset From, DateTimeOffset To);
