using Monitor.Contracts;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>Checks rules and scopes before they are stored; each problem names the field and what is wrong.</summary>
public static class RuleValidation
{
    public const int MaxRules = 20;
    public const int MaxBaselineWindows = 168;
    public const int MaxScopeEntries = 100;
    public const int MaxTextLength = 200;
    public const double MaxK = 100;
    public static readonly TimeSpan LongestCooldown = TimeSpan.FromDays(7);

    public static IReadOnlyList<string> Problems(IReadOnlyList<AlertRule?> rules, SubscriptionScope scope)
    {
        var problems = new List<string>();
        if (rules.Count > MaxRules) problems.Add($"rules: {rules.Count} rules are more than {MaxRules}");
        foreach (var duplicate in rules.OfType<AlertRule>().GroupBy(r => r.RuleId ?? "").Where(g => g.Count() > 1))
            problems.Add($"rules: ruleId '{duplicate.Key}' is used more than once");
        for (var i = 0; i < rules.Count; i++)
            problems.AddRange(rules[i] is { } rule ? Problems(rule).Select(p => $"rules[{i}].{p}") : [$"rules[{i}]: must not be null"]);
        problems.AddRange(ScopeProblems(scope));
        return problems;
    }

    private static IEnumerable<string> ScopeProblems(SubscriptionScope scope)
    {
        foreach (var problem in Entries("scope.platforms", scope.Platforms)
                     .Concat(Entries("scope.entityIds", scope.EntityIds))
                     .Concat(Entries("scope.requiredTerms", scope.RequiredTerms))
                     .Concat(Entries("scope.excludedTerms", scope.ExcludedTerms))
                     .Concat(Entries("scope.languages", scope.Languages)))
            yield return problem;
        foreach (var platform in scope.Platforms.Where(p => p is not null && !PlatformNames.IsKnown(p)))
            yield return $"scope.platforms: '{platform}' is not one of {string.Join(", ", PlatformNames.All)}";
        foreach (var language in scope.Languages.Where(l => l is not null && !SubscriptionScope.KnownLanguages.Contains(l)))
            yield return $"scope.languages: '{language}' is not one of {string.Join(", ", SubscriptionScope.KnownLanguages)}";
    }

    private static IEnumerable<string> Entries(string path, IReadOnlyList<string?> entries)
    {
        if (entries.Count > MaxScopeEntries) yield return $"{path}: {entries.Count} entries are more than {MaxScopeEntries}";
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(entries[i])) yield return $"{path}[{i}]: must not be empty";
            else if (entries[i]!.Length > MaxTextLength) yield return $"{path}[{i}]: {entries[i]!.Length} characters is longer than {MaxTextLength}";
        }
    }

    private static IEnumerable<string> Problems(AlertRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.RuleId)) yield return "ruleId: must not be empty";
        else if (rule.RuleId.Length > MaxTextLength) yield return $"ruleId: {rule.RuleId.Length} characters is longer than {MaxTextLength}";
        if (!AlertRuleKinds.All.Contains(rule.Kind))
            yield return $"kind: '{rule.Kind}' is not one of {string.Join(", ", AlertRuleKinds.All)}";
        if (rule.Window < AlertRule.ShortestWindow || rule.Window > AlertRule.LongestWindow)
            yield return $"window: {rule.Window} is outside 00:15:00..1.00:00:00";
        if (rule.BaselineWindows < AlertRule.MinBaselineWindows)
            yield return $"baselineWindows: {rule.BaselineWindows} is fewer than {AlertRule.MinBaselineWindows}";
        else if (rule.BaselineWindows > MaxBaselineWindows)
            yield return $"baselineWindows: {rule.BaselineWindows} is more than {MaxBaselineWindows}";
        if (rule.MinVolume < 1) yield return $"minVolume: {rule.MinVolume} must be at least 1";
        if (rule.EffectiveCooldown < TimeSpan.Zero) yield return "cooldown: must not be negative";
        else if (rule.EffectiveCooldown > LongestCooldown) yield return $"cooldown: {rule.EffectiveCooldown} is longer than {LongestCooldown}";
        if (!double.IsFinite(rule.Threshold)) yield return "threshold: must be a number";
        if (!double.IsFinite(rule.K)) yield return "k: must be a number";
        switch (rule.Kind)
        {
            case AlertRuleKinds.NegativeShare when rule.Threshold is <= 0 or >= 1:
                yield return $"threshold: the negative-share floor {rule.Threshold} must lie between 0 and 1";
                break;
            case AlertRuleKinds.VolumeSpike when rule.K is <= 0 or > MaxK:
                yield return $"k: {rule.K} must be positive and at most {MaxK} (presets: sensitive 1.5, balanced 2, strict 3)";
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
