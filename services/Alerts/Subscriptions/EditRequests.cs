using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

/// <summary>PUT /api/subscriptions/{id}/name.</summary>
public sealed record RenameRequest(string? Name);

/// <summary>PUT /api/subscriptions/{id}/rules: the whole rule set.</summary>
public sealed record RulesRequest(IReadOnlyList<AlertRule>? Rules);

/// <summary>PUT /api/subscriptions/{id}/scope: the whole scope.</summary>
public sealed record ScopeRequest(SubscriptionScope? Scope);

/// <summary>PUT /api/subscriptions/{id}/channels: the whole channel list.</summary>
public sealed record ChannelsRequest(IReadOnlyList<AlertChannel>? Channels);

/// <summary>PUT /api/subscriptions/{id}/quiet-hours: null removes them.</summary>
public sealed record QuietHoursRequest(QuietHours? QuietHours);

/// <summary>PUT /api/subscriptions/{id}/digest: digestAt null stops the digest.</summary>
public sealed record DigestRequest(TimeOnly? DigestAt, string? TimeZone);
