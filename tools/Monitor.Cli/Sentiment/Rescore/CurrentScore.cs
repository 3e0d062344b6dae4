namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>A stream's latest score (scored or rescored), and whether the target version has rescored it already.</summary>
public sealed record CurrentScore(string ModelVersion, string Label, bool AlreadyRescored);
