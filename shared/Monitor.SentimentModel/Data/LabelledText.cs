namespace Monitor.SentimentModel.Data;

/// <summary>A labelled text and where it came from (file and 1-based line) so errors and reports can point at it.</summary>
public sealed record LabelledText(SentimentLabel Label, string Text, string Source, int Line);
