namespace Monitor.Platforms;

/// <summary>An item a reader could not turn into coverage.</summary>
/// <param name="Platform">The platform the item came from.</param>
/// <param name="PlatformId">The item's id if it had a readable one.</param>
/// <param name="Reason">Which field was wrong and why, e.g. "attitudes_count: 'abc' is not a platform count".</param>
/// <param name="RawJson">The item as it arrived, for the operator to inspect.</param>
public sealed record SkippedItem(string Platform, string? PlatformId, string Reason, string RawJson);
