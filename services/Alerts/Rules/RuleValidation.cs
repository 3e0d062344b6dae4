using Monitor.Contracts;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>Checks rules and scopes before they are stored; each problem names the field and what is wrong.</summary>
public static class RuleValidation
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<AlertRule> rules, SubscriptionScope scope)
    {
        var problems = new List<string>();
        foreach (var duplicate in rules.GroupBy(r => r.RuleId).Where(g => g.Count() > 1))
            problems.Add($"rules: ruleId '{duplicate.Key}' is used more than once");
        for (var i = 0; i < rules.Count; i++)
            problems.AddRange(Problems(rules[i]).Select(p => $"rules[{i}].{p}"));
        foreach (var platform in scope.Platforms.Where(p => !PlatformNames.IsKnown(p)))
            problems.Add($"scope.platforms: '{platform}' is not one of {string.Join(", ", PlatformNames.All)}");
        return problems;
    }

    private static IEnumerable<string> Problems(AlertRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.RuleId)) yield return "ruleId: must not be empty";
        if (!AlertRuleKinds.All.Contains(rule.Kind))
            yield return $"kind: '{rule.Kind}' is not one of {string.Join(", ", AlertRuleKinds.All)}";
        if (rule.Window < AlertRule.ShortestWindow || rule.Window > AlertRule.LongestWindow)
            yield return $"window: {rule.Window} is outside 00:15:00..1.00:00:00";
        if (rule.BaselineWindows < AlertRule.MinBaselineWindows)
            yield return $"baselineWindows: {rule.BaselineWindows} is fewer than {AlertRule.MinBaselineWindows}";
        if (rule.MinVolume < 1) yield return $"minVolume: {rule.MinVolume} must be at least 1";
        if (rule.EffectiveCooldown < TimeSpan.Zero) yield return "cooldown: must not be negative";
        switch (rule.Kind)
        {
            case AlertRuleKinds.NegativeShare when rule.Threshold is <= 0 or >= 1:
                yield return $"threshold: the negative-share floor {rule.Threshold} must lie between 0 and 1";
                break;
            case AlertRuleKinds.VolumeSpike when rule.K <= 0:
                yield return $"k: {rule.K} must be positive (presets: sensitive 1.5, balanced 2, strict 3)";
                break;
            case AlertRuleKinds.SentimentDip when rule.Threshold is <= 0 or > 2:
                yield return $"threshold: the dip {rule.Threshold} must lie in (0, 2] (scores run from -1 to +1)";
                break;
            case AlertRuleKinds.NegativeReach when rule.Threshold < 1:
                yield return $"threshold: the reach {rule.Threshold} must be at least 1";
                break;
        }
    }
}
