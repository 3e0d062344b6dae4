using Monitor.Contracts;

namespace Monitor.Alerts.Rules;

/// <summary>
/// What the rules see of one coverage item: its SentimentScored, plus what extraction read (language and
/// text) and the link, when known. Event time is <see cref="PublishedAt"/>, so a backtest over history
/// windows and cools down exactly as live evaluation did.
/// </summary>
public sealed record ScoredItem(
    Guid CoverageId,
    string Platform,
    DateTimeOffset PublishedAt,
    string Label,
    double Score,
    long Reach,
    IReadOnlyList<string> EntityIds,
    string? Language = null,
    string? Text = null,
    string? Url = null,
    DateTimeOffset? IngestedAt = null)
{
    public bool IsNegative => Label == SentimentLabels.Negative;

    /// <summary>
    /// The order evaluation judges items in, whatever order they arrive in: publication time, then coverage id
    /// (items published in the same instant still have one order).
    /// </summary>
    public static readonly IComparer<ScoredItem> CanonicalOrder = Comparer<ScoredItem>.Create((a, b) =>
    {
        var byTime = a.PublishedAt.UtcTicks.CompareTo(b.PublishedAt.UtcTicks);
        return byTime != 0 ? byTime : a.CoverageId.CompareTo(b.CoverageId);
    });

    public static ScoredItem From(SentimentScored scored, string? language = null, string? text = null, string? url = null,
        DateTimeOffset? ingestedAt = null) =>
        new(scored.CoverageId, scored.Platform, scored.PublishedAt, scored.Label, scored.Score, scored.Reach,
            scored.EntityIds, language, text, url, ingestedAt);
}
