using Monitor.Contracts;

namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>The counts a run gathers page by page.</summary>
internal sealed class RescoreTally
{
    private readonly Dictionary<(string From, string To), long> _changes = new();

    public long Examined { get; set; }
    public long AlreadyAtVersion { get; set; }
    public long AwaitingFirstScore { get; set; }
    public long Archived { get; set; }
    private long _rescored;

    public void Rescored(SentimentRescored rescored)
    {
        _rescored++;
        if (rescored.PreviousLabel == rescored.Label) return;
        var key = (rescored.PreviousLabel, rescored.Label);
        _changes[key] = _changes.GetValueOrDefault(key) + 1;
    }

    public RescoreSummary ToSummary(string modelVersion, bool dryRun, TimeSpan elapsed) => new(
        modelVersion, dryRun, Examined, _rescored, AlreadyAtVersion, AwaitingFirstScore, Archived,
        _changes.Select(c => new LabelChange(c.Key.From, c.Key.To, c.Value))
            .OrderByDescending(c => c.Count).ThenBy(c => c.From, StringComparer.Ordinal).ThenBy(c => c.To, StringComparer.Ordinal)
            .ToArray(),
        elapsed);
}
