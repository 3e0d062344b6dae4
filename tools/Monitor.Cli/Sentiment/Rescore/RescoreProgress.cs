namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>How far a run has come: streams examined of those in the history it set out to rescore.</summary>
public sealed record RescoreProgress(long Examined, long Total);
