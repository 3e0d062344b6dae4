using System.Globalization;
using System.Text;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// The Prometheus text exposition format (version 0.0.4): metric and label names, escaping, numbers.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// The exported name of an instrument: characters outside [a-zA-Z0-9_:] become '_', the unit's
    /// Prometheus word is appended (s -> _seconds, By -> _bytes), and counters end in _total.
    /// "monitor.alert.latency" in s -> monitor_alert_latency_seconds.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, InstrumentKind kind)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (UnitWord(unit) is { } word && !name.EndsWith("_" + word, StringComparison.Ordinal))
            name += "_" + word;
        if (kind is InstrumentKind.Counter or InstrumentKind.ObservedCounter && !name.EndsWith("_total", StringComparison.Ordinal))
            name += "_total";
        return name;
    }

    /// <summary>A label name: characters outside [a-zA-Z0-9_] become '_' ("gc.heap.generation" -> gc_heap_generation).</summary>
    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    /// <summary>A label value inside double quotes: backslash, double quote and line feed escaped.</summary>
    public static string EscapeLabelValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0) return value;
        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
            text.Append(c switch { '\\' => @"\\", '"' => "\\\"", '\n' => @"\n", _ => c.ToString() });
        return text.ToString();
    }

    /// <summary>A # HELP text: backslash and line feed escaped (quotes stay as they are).</summary>
    public static string EscapeHelp(string help) => help.Replace(@"\", @"\\").Replace("\n", @"\n");

    /// <summary>A sample value: invariant culture, shortest round-trip form, +Inf / -Inf / NaN.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string? UnitWord(string? unit) => unit switch
    {
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "1" => "ratio",
        _ => null, // annotations such as {item} carry no suffix
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        if (text.Length == 0 || char.IsAsciiDigit(text[0])) text.Insert(0, '_');
        return text.ToString();
    }
}
