namespace Monitor.Contracts.Alerts;

/// <summary>A coverage item an alert points at, for a PR person to open.</summary>
/// <param name="Url">Link to the item, when known.</param>
public sealed record AlertMention(Guid CoverageId, string Platform, string Label, double Score, long Reach, string? Url);
