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

    /// <summary>
    /// A metrics update is named after the stream version it follows and the observation it records.
    /// The same observation redelivered after the same version gets the same id (a duplicate); two
    /// different observations racing to follow one version get different ids, so the store reports
    /// the loser as a conflict, never as a duplicate of the winner.
    /// </summary>
    public static Guid MetricsUpdated(Guid coverageId, long followsVersion, CoverageMetricsUpdated update)
    {
        var e = update.Engagement;
        return CoverageIdentity.NameBased(coverageId, FormattableString.Invariant(
            $"metrics:{followsVersion}:{update.ObservedAt.UtcTicks}:{e.Likes}/{e.Comments}/{e.Shares}/{e.Views}/{e.Collects}/{update.AuthorFollowers}"));
    }

    /// <summary>
    /// A correction is named after the stream version it follows, the label it gives and who gave it: the same
    /// request sent twice at once is one event; a different correction racing it is a conflict.
    /// </summary>
    public static Guid Corrected(Guid coverageId, long followsVersion, string label, string by) =>
        CoverageIdentity.NameBased(coverageId, $"sentiment-corrected:{followsVersion}:{label}:{by}");
}
