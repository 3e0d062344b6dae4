using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Observability.Logging;

namespace Monitor.Hosting.Tests.Logging;

[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput;

/// <summary>The console logs every service writes with MONITOR_LOG_FORMAT=json (the default), read back from the console.</summary>
[Collection(nameof(ConsoleOutput))]
public sealed class When_logging_as_json
{
    // A category of its own, so lines other code writes to the console meanwhile are told apart.
    private readonly string _category = "Monitor.Sentiment.Score." + Guid.NewGuid().ToString("N")[..8];

    private IReadOnlyList<JsonElement> Log(Action<ILogger> write)
    {
        var settings = MonitorSettings.From(new ConfigurationBuilder().Build(), MonitorServices.Sentiment);
        var original = Console.Out;
        var output = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(output));
        try
        {
            // Disposing the factory writes out what the console logger still queues.
            using (var factory = LoggerFactory.Create(logging => logging.AddMonitorConsoleLogs(settings)))
                write(factory.CreateLogger(_category));
        }
        finally { Console.SetOut(original); }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Where(line => line.GetProperty("Category").GetString() == _category)
            .ToList();
        Assert.NotEmpty(lines);
        return lines;
    }

    private JsonElement LogOne(Action<ILogger> write) => Assert.Single(Log(write));

    private static IEnumerable<JsonElement> Scopes(JsonElement line) =>
        line.TryGetProperty("Scopes", out var scopes) ? scopes.EnumerateArray() : [];

    [Fact]
    public void Should_write_one_object_per_line_with_level_category_message_and_the_templates_values()
    {
        var line = LogOne(logger => logger.Log(LogLevel.Warning, new EventId(7), "Scored {Count} items in {Elapsed} ms", 100, 12.5));

        Assert.Equal("Warning", line.GetProperty("LogLevel").GetString());
        Assert.Equal("Scored 100 items in 12.5 ms", line.GetProperty("Message").GetString());
        Assert.Equal(7, line.GetProperty("EventId").GetInt32());
        Assert.Equal("100", line.GetProperty("State").GetProperty("Count").ToString());
        Assert.Equal("12.5", line.GetProperty("State").GetProperty("Elapsed").ToString());
        var timestamp = line.GetProperty("Timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp);
        Assert.True(DateTimeOffset.TryParse(timestamp, out var at));
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - at).TotalMinutes) < 5, $"{timestamp} is not the current UTC time");
    }

    [Fact]
    public void Should_carry_the_trace_and_span_ids_of_the_current_activity()
    {
        using var activity = new Activity("consume").SetIdFormat(ActivityIdFormat.W3C).Start();

        var line = LogOne(logger => logger.LogInformation("Handled"));

        Assert.Contains(Scopes(line), scope =>
            scope.TryGetProperty("TraceId", out var traceId) && traceId.GetString() == activity.TraceId.ToHexString()
            && scope.TryGetProperty("SpanId", out var spanId) && spanId.GetString() == activity.SpanId.ToHexString());
    }

    [Fact]
    public void Should_leave_the_trace_id_out_when_there_is_no_activity()
    {
        Activity.Current = null;

        var line = LogOne(logger => logger.LogInformation("Started"));

        Assert.DoesNotContain(Scopes(line), scope => scope.TryGetProperty("TraceId", out _));
    }

    [Fact]
    public void Should_write_the_exception_with_its_message_and_escape_what_json_needs()
    {
        var line = LogOne(logger => logger.LogError(new InvalidOperationException("broker gone"), "Failed on {Text}", "quote \" and\nline"));

        Assert.Contains("InvalidOperationException: broker gone", line.GetProperty("Exception").GetString());
        Assert.Equal("quote \" and\nline", line.GetProperty("State").GetProperty("Text").GetString());
    }

    [Fact]
    public void Should_include_scope_values()
    {
        var line = LogOne(logger =>
        {
            using (logger.BeginScope(new Dictionary<string, object?> { ["MessageId"] = "abc", ["Attempt"] = 2 }))
                logger.LogInformation("Handled");
        });

        Assert.Contains(Scopes(line), scope =>
            scope.TryGetProperty("MessageId", out var id) && id.GetString() == "abc"
            && scope.TryGetProperty("Attempt", out var attempt) && attempt.GetInt32() == 2);
    }
}
