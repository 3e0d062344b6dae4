namespace Monitor.Contracts;

/// <summary>
/// What every text and date Monitor accepts from outside (coverage pushed over HTTP or the bus, query
/// parameters) must satisfy. Input outside these limits is refused, never stripped or clamped: a
/// producer that sends a NUL or a year-1 date has a bug, and storing something other than what it
/// sent would hide it.
/// </summary>
public static class InputLimits
{
    /// <summary>The earliest date accepted anywhere (publication times, query ranges): 1990-01-01 UTC.</summary>
    public static readonly DateTimeOffset EarliestDate = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of the server's clock a date may lie (a feed's clock runs fast): one day.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromDays(1);

    /// <summary>The latest date accepted at <paramref name="now"/>: one <see cref="ClockSkew"/> ahead of it.</summary>
    public static DateTimeOffset LatestDate(DateTimeOffset now) => now + ClockSkew;

    /// <summary>Whether <paramref name="date"/> lies in [<see cref="EarliestDate"/>, <see cref="LatestDate"/>].</summary>
    public static bool IsInRange(DateTimeOffset date, DateTimeOffset now) => date >= EarliestDate && date <= LatestDate(now);

    /// <summary>The range as a sentence ending a validation message, e.g. "must lie between 1990-01-01 and ...".</summary>
    public static string RangeText(DateTimeOffset now) =>
        $"must lie between {EarliestDate:yyyy-MM-dd} and {LatestDate(now):yyyy-MM-ddTHH:mm:ssZ} (one day after now)";

    /// <summary>
    /// Why <paramref name="value"/> cannot be accepted as text, or null when it can: a control character
    /// other than tab, line feed and carriage return (NUL, ESC, DEL, C1 controls), or half of a
    /// surrogate pair without its other half. Neither can be stored in PostgreSQL text or jsonb, nor shown.
    /// </summary>
    public static string? TextProblem(string? value)
    {
        if (value is null) return null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                return $"contains the control character U+{(int)c:X4} at position {i}; only tab, line feed and carriage return are allowed";
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                return $"contains an unpaired surrogate U+{(int)c:X4} at position {i}; the text is not valid Unicode";
        }
        return null;
    }

    /// <summary>
    /// <paramref name="value"/> for quoting in an error message: control characters and surrogates shown
    /// as \uXXXX (a lone surrogate cannot even be written as JSON).
    /// </summary>
    public static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
