using Monitor.Alerts.Rules;

namespace Monitor.Alerts.Subscriptions;

/// <summary>
/// The stored items a subscription is counted from: those published since <paramref name="From"/>, read at
/// <paramref name="Now"/>. A window reaching back before <paramref name="From"/> was seen only in part and raises nothing.
/// </summary>
public sealed record HistorySpan(IReadOnlyList<ScoredItem> Items, DateTimeOffset From, DateTimeOffset Now);
