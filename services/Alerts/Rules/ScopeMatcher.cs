using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>Whether an item falls in a subscription's scope (see <see cref="SubscriptionScope"/> for the rules).</summary>
public static class ScopeMatcher
{
    public static bool Matches(SubscriptionScope scope, ScoredItem item)
    {
        if (scope.Platforms.Count > 0 && !scope.Platforms.Contains(item.Platform, StringComparer.OrdinalIgnoreCase))
            return false;
        if (scope.EntityIds.Count > 0 && !item.EntityIds.Any(id => scope.EntityIds.Contains(id, StringComparer.OrdinalIgnoreCase)))
            return false;
        if (!scope.NeedsText)
            return true;

        // Terms and languages cannot be judged without the text: an unknown text is out of scope, not in it.
        if (item.Text is null)
            return false;
        if (scope.Languages.Count > 0 && (item.Language is null || !scope.Languages.Contains(item.Language, StringComparer.OrdinalIgnoreCase)))
            return false;
        return scope.RequiredTerms.All(term => item.Text.Contains(term, StringComparison.OrdinalIgnoreCase))
            && !scope.ExcludedTerms.Any(term => item.Text.Contains(term, StringComparison.OrdinalIgnoreCase));
    }
}
