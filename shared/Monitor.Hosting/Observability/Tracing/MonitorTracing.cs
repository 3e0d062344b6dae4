using System.Diagnostics;

namespace Monitor.Hosting.Observability.Tracing;

/// <summary>Monitor's own activity source, and every source whose spans a service exports.</summary>
public static class MonitorTracing
{
    public const string SourceName = "Monitor";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Monitor's spans, MassTransit's (send, receive, consume; it carries the trace across the bus) and ASP.NET Core's requests.</summary>
    public static readonly IReadOnlyList<string> Sources = [SourceName, "MassTransit", "Microsoft.AspNetCore"];
}
