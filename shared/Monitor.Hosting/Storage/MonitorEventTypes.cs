using Monitor.Contracts;
using Monitor.EventStore;

namespace Monitor.Hosting.Storage;

/// <summary>
/// The stable names under which the pipeline's events are stored. Renaming a C# type must not change
/// these: stored rows keep the name they were written with.
/// </summary>
public static class MonitorEventTypes
{
    public const string CoverageStream = "coverage";

    public const string CoverageIngested = "coverage-ingested";
    public const string CoverageMetricsUpdated = "coverage-metrics-updated";
    public const string ContentExtracted = "content-extracted";
    public const string SentimentScored = "sentiment-scored";
    public const string SentimentRescored = "sentiment-rescored";

    /// <summary>Every event the relay publishes to the bus.</summary>
    public static readonly IReadOnlyList<string> Published = [CoverageIngested, CoverageMetricsUpdated, ContentExtracted, SentimentScored];

    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<CoverageIngested>(CoverageIngested)
        .Register<CoverageMetricsUpdated>(CoverageMetricsUpdated)
        .Register<ContentExtracted>(ContentExtracted)
        .Register<SentimentScored>(SentimentScored)
        .Register<SentimentRescored>(SentimentRescored);

    public static EventTypeRegistry CreateRegistry() => Register(new EventTypeRegistry());
}
