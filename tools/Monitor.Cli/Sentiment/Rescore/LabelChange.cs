namespace Monitor.Cli.Sentiment.Rescore;

/// <summary><paramref name="Count"/> streams went from label <paramref name="From"/> to <paramref name="To"/>.</summary>
public sealed record LabelChange(string From, string To, long Count);
