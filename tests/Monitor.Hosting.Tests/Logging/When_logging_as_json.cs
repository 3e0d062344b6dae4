using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Hosting.Observability.Logging;

namespace Monitor.Hosting.Tests.Logging;

public sealed class When_logging_as_json
{
    private static JsonElement Write(LogLevel level, string template, object?[] args, Exception? exception = null, IExternalScopeProvider? scopes = null, bool includeScopes = false)
    {
        var options = new JsonLogFormatterOptions { Service = "sentiment", IncludeScopes = includeScopes };
        var formatter = new JsonLogFormatter(new StaticOptions(options));
        var state = new FormattedState(template, args);
        var entry = new LogEntry<FormattedState>(level, "Monitor.Sentiment.Score", new EventId(7), state, exception, (s, _) => s.ToString());
        using var output = new StringWriter();
        formatter.Write(entry, scopes, output);
        var text = output.ToString();
        Assert.EndsWith("\n", text);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public void Should_write_one_object_per_line_with_level_service_category_and_message()
    {
        var line = Write(LogLevel.Warning, "Scored {Count} items in {Elapsed} ms", [100, 12.5]);

        Assert.Equal("Warning", line.GetProperty("level").GetString());
        Assert.Equal("sentiment", line.GetProperty("service").GetString());
        Assert.Equal("Monitor.Sentiment.Score", line.GetProperty("category").GetString());
        Assert.Equal("Scored 100 items in 12.5 ms", line.GetProperty("message").GetString());
        Assert.Equal(7, line.GetProperty("eventId").GetInt32());
        Assert.Equal(100, line.GetProperty("state").GetProperty("Count").GetInt32());
        Assert.Equal(12.5, line.GetProperty("state").GetProperty("Elapsed").GetDouble());
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), out _));
        Assert.EndsWith("Z", line.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Should_carry_the_trace_and_span_ids_of_the_current_activity()
    {
        using var activity = new Activity("consume").SetIdFormat(ActivityIdFormat.W3C).Start();

        var line = Write(LogLevel.Information, "Handled", []);

        Assert.Equal(activity.TraceId.ToHexString(), line.GetProperty("traceId").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), line.GetProperty("spanId").GetString());
    }

    [Fact]
    public void Should_leave_the_trace_id_out_when_there_is_no_activity()
    {
        Activity.Current = null;

        var line = Write(LogLevel.Information, "Started", []);

        Assert.False(line.TryGetProperty("traceId", out _));
    }

    [Fact]
    public void Should_write_the_exception_with_its_message_and_escape_what_json_needs()
    {
        var line = Write(LogLevel.Error, "Failed on {Text}", ["quote \" and\nline"], new InvalidOperationException("broker gone"));

        Assert.Contains("InvalidOperationException: broker gone", line.GetProperty("exception").GetString());
        Assert.Equal("quote \" and\nline", line.GetProperty("state").GetProperty("Text").GetString());
    }

    [Fact]
    public void Should_include_scope_values_when_asked()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var _ = scopes.Push(new Dictionary<string, object?> { ["MessageId"] = "abc", ["Attempt"] = 2 });

        var line = Write(LogLevel.Information, "Handled", [], scopes: scopes, includeScopes: true);

        Assert.Equal("abc", line.GetProperty("scope").GetProperty("MessageId").GetString());
        Assert.Equal(2, line.GetProperty("scope").GetProperty("Attempt").GetInt32());
    }

    private sealed class StaticOptions(JsonLogFormatterOptions value) : IOptionsMonitor<JsonLogFormatterOptions>
    {
        public JsonLogFormatterOptions CurrentValue => value;
        public JsonLogFormatterOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<JsonLogFormatterOptions, string?> listener) => null;
    }

    /// <summary>What LoggerMessage and ILogger.Log hand a formatter: the template's values and its rendering.</summary>
    private sealed class FormattedState(string template, object?[] args) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly string[] _names = System.Text.RegularExpressions.Regex.Matches(template, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToArray();

        public KeyValuePair<string, object?> this[int index] =>
            index < _names.Length ? new(_names[index], args[index]) : new("{OriginalFormat}", template);

        public int Count => _names.Length + 1;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var text = template;
            for (var i = 0; i < _names.Length; i++)
                text = text.Replace("{" + _names[i] + "}", Convert.ToString(args[i], System.Globalization.CultureInfo.InvariantCulture));
            return text;
        }
    }
}
