using Microsoft.Extensions.Logging;
using Monitor.Hosting.Configuration;

namespace Monitor.Hosting.Observability.Logging;

public static class ConsoleLogs
{
    public const string JsonTimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>
    /// Console logs through the framework's formatters. JSON (the default): one object per line with a UTC
    /// Timestamp, LogLevel, Category, Message, the template's values under State, and under Scopes the
    /// TraceId and SpanId of the current activity (an HTTP request, a consumed message) followed by the
    /// logging scopes' values. Text: one line per entry.
    /// </summary>
    public static ILoggingBuilder AddMonitorConsoleLogs(this ILoggingBuilder logging, MonitorSettings settings)
    {
        logging.ClearProviders();
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (settings.JsonLogs)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = JsonTimestampFormat;
            });
        }
        else
        {
            logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        }
        return logging;
    }
}
