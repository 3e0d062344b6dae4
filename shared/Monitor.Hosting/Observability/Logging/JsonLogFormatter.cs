using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Monitor.Hosting.Observability.Logging;

/// <summary>Options of <see cref="JsonLogFormatter"/>: the service name every line carries.</summary>
public sealed class JsonLogFormatterOptions : ConsoleFormatterOptions
{
    public string Service { get; set; } = "";
}

/// <summary>
/// One JSON object per line: timestamp (UTC), level, service, category, message, the trace and span
/// ids of the current activity (an HTTP request, a consumed message), the message template's values
/// under "state", the logging scopes' values under "scope", and the exception. A log collector can
/// join a line to its trace by traceId.
/// </summary>
public sealed class JsonLogFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = "monitor-json";

    private readonly IDisposable? _reload;
    private JsonLogFormatterOptions _options;

    public JsonLogFormatter(IOptionsMonitor<JsonLogFormatterOptions> options) : base(FormatterName)
    {
        _options = options.CurrentValue;
        _reload = options.OnChange(o => _options = o);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;

        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            json.WriteString("level", logEntry.LogLevel.ToString());
            if (_options.Service.Length > 0) json.WriteString("service", _options.Service);
            json.WriteString("category", logEntry.Category);
            if (logEntry.EventId.Id != 0) json.WriteNumber("eventId", logEntry.EventId.Id);
            json.WriteString("message", message ?? "");
            if (Activity.Current is { } activity && activity.IdFormat == ActivityIdFormat.W3C)
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
            }
            if (logEntry.Exception is { } exception) json.WriteString("exception", exception.ToString());
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> state && state.Any(p => p.Key != "{OriginalFormat}"))
            {
                json.WriteStartObject("state");
                foreach (var (key, value) in state)
                    if (key != "{OriginalFormat}") WriteValue(json, key, value);
                json.WriteEndObject();
            }
            if (_options.IncludeScopes && scopeProvider is not null) WriteScopes(json, scopeProvider);
            json.WriteEndObject();
        }
        textWriter.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }

    private static void WriteScopes(Utf8JsonWriter json, IExternalScopeProvider scopeProvider)
    {
        var values = new List<KeyValuePair<string, object?>>();
        scopeProvider.ForEachScope((scope, list) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                list.AddRange(pairs.Where(p => p.Key != "{OriginalFormat}"));
            else if (scope is not null)
                list.Add(new KeyValuePair<string, object?>("scope", scope.ToString()));
        }, values);
        if (values.Count == 0) return;
        json.WriteStartObject("scope");
        foreach (var (key, value) in values.DistinctBy(v => v.Key)) WriteValue(json, key, value);
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                json.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
            case float f when float.IsFinite(f): json.WriteNumber(key, f); break;
            case decimal m: json.WriteNumber(key, m); break;
            default: json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    public void Dispose() => _reload?.Dispose();
}
