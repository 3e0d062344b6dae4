using Monitor.EventStore;

namespace Monitor.Cli.Sentiment.Rescore;

/// <summary>
/// The part of the log a run rescores: the extracted-text events committed when it began, up to
/// <paramref name="Until"/>. Items extracted later are scored by the pipeline as they come.
/// </summary>
public sealed record RescoreHistory(GlobalPosition Until, long Streams)
{
    public static RescoreHistory Empty { get; } = new(GlobalPosition.Start, 0);
}
