namespace Monitor.Contracts.Alerts;

/// <summary>The kinds of alert rule. Values are the names used on the wire.</summary>
public static class AlertRuleKinds
{
    /// <summary>The window's share of negative items is above <see cref="AlertRule.Threshold"/>, with at least <see cref="AlertRule.MinVolume"/> items.</summary>
    public const string NegativeShare = "negative-share";

    /// <summary>The window's count is above the baseline mean + k·σ of the prior windows.</summary>
    public const string VolumeSpike = "volume-spike";

    /// <summary>The window's average score is below the baseline average by at least <see cref="AlertRule.Threshold"/>.</summary>
    public const string SentimentDip = "sentiment-dip";

    /// <summary>One negative item whose reach is at least <see cref="AlertRule.Threshold"/>; raised at once.</summary>
    public const string NegativeReach = "negative-reach";

    public static readonly IReadOnlyList<string> All = [NegativeShare, VolumeSpike, SentimentDip, NegativeReach];
}
