namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>What a rescore run did (or, on a dry run, would have done).</summary>
/// <param name="Examined">Coverage streams with extracted text in the history that was read.</param>
/// <param name="Rescored">Streams that got a SentimentRescored for <paramref name="ModelVersion"/> in this run.</param>
/// <param name="AlreadyAtVersion">
/// Streams left as they were because their score is already from <paramref name="ModelVersion"/>: an
/// earlier or concurrent run rescored them, or the pipeline scored them with that version.
/// </param>
/// <param name="AwaitingFirstScore">Streams the pipeline has not scored yet; it scores them, a later run rescores them.</param>
/// <param name="Archived">Streams archived while the run went on; they take no more events.</param>
/// <param name="LabelChanges">How many rescored streams moved from one label to another, largest first.</param>
public sealed record RescoreSummary(
    string ModelVersion,
    bool DryRun,
    long Examined,
    long Rescored,
    long AlreadyAtVersion,
    long AwaitingFirstScore,
    long Archived,
    IReadOnlyList<LabelChange> LabelChanges,
    TimeSpan Elapsed)
{
    public long Changed => LabelChanges.Sum(c => c.Count);

    public long Unchanged => Rescored - Changed;
}
