namespace Monitor.Feeds.Sdk.Polling;

/// <summary>What one poll cycle did.</summary>
/// <param name="PagesRefused">Pages refused whole (not results: a login wall, a captcha, a cut-off or oversized answer).</param>
/// <param name="LastPageRefused">Why the last of them was refused.</param>
public sealed record CycleResult(int Pages, int Published, int Quarantined, int PagesRefused = 0, string? LastPageRefused = null);
