namespace Monitor.Contracts.Alerts;

/// <summary>One rule of a subscription. Which fields matter depends on <see cref="Kind"/> (see <see cref="AlertRuleKinds"/>).</summary>
/// <param name="RuleId">Unique within the subscription; part of every alert id the rule raises.</param>
/// <param name="Kind">One of <see cref="AlertRuleKinds"/>.</param>
/// <param name="Window">Length of the windows, from 15 minutes to 24 hours.</param>
/// <param name="Threshold">negative-share: the floor (0..1); sentiment-dip: the drop in average score; negative-reach: the reach; volume-spike: unused.</param>
/// <param name="MinVolume">Fewest items in the window before the rule may fire.</param>
/// <param name="K">volume-spike: how many standard deviations above the baseline mean (presets in <see cref="SpikeSensitivity"/>).</param>
/// <param name="BaselineWindows">How many prior windows form the baseline (at least 12).</param>
/// <param name="Cooldown">After an alert, the rule stays silent this long unless its value doubles (then it escalates).</param>
public sealed record AlertRule(
    string RuleId,
    string Kind,
    TimeSpan Window,
    double Threshold = 0,
    int MinVolume = 1,
    double K = SpikeSensitivity.Balanced,
    int BaselineWindows = AlertRule.MinBaselineWindows,
    TimeSpan? Cooldown = null)
{
    public const int MinBaselineWindows = 12;
    public static readonly TimeSpan DefaultCooldown = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan ShortestWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LongestWindow = TimeSpan.FromHours(24);

    public TimeSpan EffectiveCooldown => Cooldown ?? DefaultCooldown;
}
