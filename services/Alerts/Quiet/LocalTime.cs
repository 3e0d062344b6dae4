namespace Monitor.Alerts.Quiet;

/// <summary>Local wall-clock times to instants, across daylight-saving changes.</summary>
public static class LocalTime
{
    /// <summary>
    /// The instant a local date and time happen in <paramref name="zone"/>. A time skipped by a spring-forward
    /// change happens when the clocks jump past it (one hour later); a time repeated in autumn happens the first time.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
