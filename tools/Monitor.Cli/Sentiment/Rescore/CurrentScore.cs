namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>A stream's latest score (scored or rescored), and whether it holds a rescore event of the target version.</summary>
public sealed record CurrentScore(string ModelVersion, string Label, bool HasRescoreOfTarget)
{
    /// <summary>
    /// Nothing to do for <paramref name="version"/>: it rescored the stream already, or it is the
    /// version behind the stream's current score (scoring again would repeat that score).
    /// </summary>
    public bool IsAt(string version) => HasRescoreOfTarget || string.Equals(ModelVersion, version, StringComparison.Ordinal);
}
