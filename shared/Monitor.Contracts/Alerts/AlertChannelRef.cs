namespace Monitor.Contracts.Alerts;

/// <summary>A subscription's channel by id and kind, without its target or secret (what an alert stream names).</summary>
public sealed record AlertChannelRef(string ChannelId, string Kind);
