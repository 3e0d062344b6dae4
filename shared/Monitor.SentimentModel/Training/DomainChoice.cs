using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Domains;

namespace Monitor.SentimentModel.Training;

/// <summary>Dev accuracy of one way of mixing the domain copies in, per set.</summary>
public sealed record DomainTrial(DomainMixing? Mixing, double Threshold, double Scale, IReadOnlyDictionary<string, double> DevAccuracy, double Mean)
{
    /// <summary>For the card: "shared weights only", "hard, p ≥ 0.8", ...</summary>
    public string Describe() => Mixing is not { } mixing
        ? "shared weights only"
        : $"{mixing.ToString().ToLowerInvariant()}, top probability ≥ {Threshold:0.##}{(Scale == 1 ? "" : $", domain copies ×{Scale:0.##}")}";
}

/// <summary>What domain adaptation did on dev: the classifier's accuracy per domain and every mixing rule tried.</summary>
public sealed record DomainReport(
    IReadOnlyDictionary<string, double> ClassifierDevAccuracy,
    IReadOnlyList<DomainTrial> Trials,
    DomainTrial Chosen,
    int ChoiceMinimumRows);

/// <summary>
/// Chooses the mixing rule and threshold on the dev split: each candidate scores every polar dev row
/// (the parts are computed once), and the one with the best mean accuracy over the sets of at least
/// <see cref="MinimumRows"/> dev rows wins (ties: the higher threshold, then hard before soft).
/// Sets with fewer dev rows are reported but do not choose: one Weibo post is almost two points.
/// </summary>
internal static class DomainChoice
{
    public const int MinimumRows = 200;

    public static readonly double[] Thresholds = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];

    private sealed record DevRow(string Set, bool Positive, double Shared, double[] Parts, double[] Probabilities);

    public static DomainReport Choose(SentimentClassifier parts, DomainAdaptation domains, IReadOnlyList<CorpusRow> dev,
        IReadOnlyDictionary<string, string> setDomains, DomainOptions options)
    {
        var polar = dev.Where(r => r.Label != SentimentLabel.Neutral).ToList();
        var rows = new DevRow[polar.Count];
        Parallel.For(0, polar.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var (shared, domainParts, probabilities) = parts.DomainParts(polar[i].Text);
            rows[i] = new DevRow(polar[i].Set, polar[i].Label == SentimentLabel.Positive, shared, domainParts, probabilities);
        });
        var sets = rows.GroupBy(r => r.Set).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var choosing = sets.Where(g => g.Count() >= MinimumRows).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

        var classifierAccuracy = sets
            .Where(g => setDomains.ContainsKey(g.Key))
            .ToDictionary(g => g.Key, g => g.Count(r => Top(r.Probabilities) == Array.IndexOf(domains.Names, setDomains[g.Key])) / (double)g.Count(), StringComparer.Ordinal);

        DomainTrial Trial(DomainMixing? mixing, double threshold)
        {
            var rule = domains with
            {
                Mixing = mixing ?? DomainMixing.Hard,
                Threshold = (float)threshold,
                Scales = Enumerable.Repeat((float)options.Scale, domains.Count).ToArray(),
            };
            var factors = new double[domains.Count];
            var accuracy = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var set in sets)
            {
                var correct = 0;
                foreach (var row in set)
                {
                    var logit = row.Shared;
                    if (mixing is not null)
                    {
                        rule.Factors(row.Probabilities, factors);
                        for (var d = 0; d < factors.Length; d++) logit += factors[d] * row.Parts[d];
                    }
                    if (logit >= 0 == row.Positive) correct++;
                }
                accuracy[set.Key] = correct / (double)set.Count();
            }
            var mean = accuracy.Where(kv => choosing.Contains(kv.Key)).Select(kv => kv.Value).DefaultIfEmpty(0).Average();
            return new DomainTrial(mixing, threshold, options.Scale, accuracy, mean);
        }

        var trials = new List<DomainTrial> { Trial(null, 1) };
        foreach (var mixing in new[] { DomainMixing.Hard, DomainMixing.Soft })
            foreach (var threshold in Thresholds)
                trials.Add(Trial(mixing, threshold));
        var chosen = options.Mixing is not null || options.Threshold is not null
            ? Trial(options.Mixing ?? DomainMixing.Hard, options.Threshold ?? 0)
            : trials.Where(t => t.Mixing is not null)
                .OrderByDescending(t => Math.Round(t.Mean, 9)).ThenByDescending(t => t.Threshold).ThenBy(t => t.Mixing)
                .First();
        return new DomainReport(classifierAccuracy, trials, chosen, MinimumRows);
    }

    private static int Top(double[] probabilities)
    {
        var top = 0;
        for (var d = 1; d < probabilities.Length; d++)
            if (probabilities[d] > probabilities[top]) top = d;
        return top;
    }
}
