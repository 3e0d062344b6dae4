namespace Monitor.Contracts.Alerts;

/// <summary>Where a subscription's alerts go.</summary>
/// <param name="ChannelId">Unique within the subscription; names the channel in AlertDelivered / AlertDeliveryFailed.</param>
/// <param name="Kind">One of <see cref="AlertChannelKinds"/>.</param>
/// <param name="Target">The webhook or bot URL, or the e-mail address.</param>
/// <param name="Secret">Signing secret (webhook HMAC key, DingTalk / Feishu signing secret); never shown to analysts other than the owner.</param>
public sealed record AlertChannel(string ChannelId, string Kind, string Target, string? Secret = null);
