using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Rules;

/// <summary>The four rules' conditions over a window and its baseline; null when the rule does not fire.</summary>
public static class RuleConditions
{
    public static Measurement? NegativeShare(AlertRule rule, WindowBucket window)
    {
        if (window.Count < rule.MinVolume || window.NegativeShare <= rule.Threshold) return null;
        return new Measurement(window.NegativeShare, rule.Threshold, null, null, null, window.NegativeShare);
    }

    /// <param name="baseline">The counts of the prior windows, oldest first, empty windows as zero.</param>
    public static Measurement? VolumeSpike(AlertRule rule, WindowBucket window, IReadOnlyList<int> baseline)
    {
        if (window.Count < rule.MinVolume || baseline.Count == 0) return null;
        var mean = baseline.Average();
        var sigma = Math.Sqrt(baseline.Sum(c => (c - mean) * (c - mean)) / baseline.Count);
        var threshold = mean + rule.K * sigma;
        if (window.Count <= threshold) return null;
        return new Measurement(window.Count, threshold, mean, sigma, rule.K, window.Count);
    }

    /// <param name="baselineCount">Items in the prior windows.</param>
    /// <param name="baselineScoreSum">Sum of their scores.</param>
    public static Measurement? SentimentDip(AlertRule rule, WindowBucket window, int baselineCount, double baselineScoreSum)
    {
        if (window.Count < rule.MinVolume || baselineCount == 0) return null;
        var baseline = baselineScoreSum / baselineCount;
        var drop = baseline - window.AverageScore;
        if (drop < rule.Threshold) return null;
        return new Measurement(window.AverageScore, baseline - rule.Threshold, baseline, null, null, drop);
    }

    public static Measurement? NegativeReach(AlertRule rule, ScoredItem item)
    {
        if (!item.IsNegative || item.Reach < rule.Threshold) return null;
        return new Measurement(item.Reach, rule.Threshold, null, null, null, item.Reach);
    }
}
