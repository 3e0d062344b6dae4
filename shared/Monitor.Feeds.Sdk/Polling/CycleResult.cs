namespace Monitor.Feeds.Sdk.Polling;

/// <summary>What one poll cycle did.</summary>
public sealed record CycleResult(int Pages, int Published, int Quarantined);
