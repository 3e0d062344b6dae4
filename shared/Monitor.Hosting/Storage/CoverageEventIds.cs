using Monitor.Contracts;

namespace Monitor.Hosting.Storage;

/// <summary>
/// Deterministic event ids of a coverage stream. A stage that redoes its work after a redelivery
/// produces the same id, and the store turns the second append into a no-op.
/// </summary>
public static class CoverageEventIds
{
    public static Guid Ingested(Guid coverageId) => CoverageIdentity.NameBased(coverageId, "coverage-ingested");

    public static Guid Extracted(Guid coverageId) => CoverageIdentity.NameBased(coverageId, "content-extracted");

    public static Guid Scored(Guid coverageId) => CoverageIdentity.NameBased(coverageId, "sentiment-scored");

    /// <summary>A metrics update is named after the stream version it follows, so two updates never share an id.</summary>
    public static Guid MetricsUpdated(Guid coverageId, long followsVersion) =>
        CoverageIdentity.NameBased(coverageId, "metrics:" + followsVersion);
}
