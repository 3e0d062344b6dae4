using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Domains;

namespace Monitor.SentimentModel.Training;

/// <summary>Dev accuracy of one way of mixing the domain copies in, per set.</summary>
public sealed record DomainTrial(DomainMixing? Mixing, double Threshold, double Scale, IReadOnlyDictionary<string, double> DevAccuracy, double Mean)
{
    /// <summary>Each dev set scored with its own domain's copy (not a rule that can ship: it shows what a perfect domain classifier would give).</summary>
    public bool Oracle { get; init; }

    /// <summary>For the card: "shared weights only", "hard, p ≥ 0.8", ...</summary>
    public string Describe() => Oracle
        ? "each set's own domain (a perfect classifier; cannot ship)"
        : Mixing is not { } mixing
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
/// With an SU7 dev set, a rule must also keep its three-class accuracy at least where the shared
/// weights alone have it: SU7 coverage belongs to no training domain, and the copies of review
/// domains it is sent to cost SU7 sentences in round 5 (models/MODEL_CARD.md).
/// </summary>
internal static class DomainChoice
{
    public const int MinimumRows = 200;

    /// <summary>
    /// The SU7 dev set, reported beside the public sets and never choosing: its polar sentences'
    /// positive-vs-negative decision, and all its sentences in three classes with the neutral band
    /// fitted again for each rule (as training will fit it).
    /// </summary>
    public const string Su7Polar = "SU7 dev (polar)";
    public const string Su7ThreeClass = "SU7 dev (3 classes)";

    public static readonly double[] Thresholds = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];

    private sealed record DevRow(string Set, SentimentLabel Label, double Shared, double[] Parts, double[] Probabilities)
    {
        public bool Positive => Label == SentimentLabel.Positive;
    }

    private static DevRow[] Score(SentimentClassifier parts, IReadOnlyList<(string Set, string Text, SentimentLabel Label)> texts)
    {
        var rows = new DevRow[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var (shared, domainParts, probabilities) = parts.DomainParts(texts[i].Text);
            rows[i] = new DevRow(texts[i].Set, texts[i].Label, shared, domainParts, probabilities);
        });
        return rows;
    }

    public static DomainReport Choose(SentimentClassifier parts, DomainAdaptation domains, IReadOnlyList<CorpusRow> dev, IReadOnlyList<LabelledText> su7Dev,
        IReadOnlyDictionary<string, string> setDomains, DomainOptions options)
    {
        var polar = dev.Where(r => r.Label != SentimentLabel.Neutral)
            .Concat(su7Dev.Where(r => r.Label != SentimentLabel.Neutral).Select(r => new CorpusRow(Su7Polar, r.Label, r.Text, Split.Dev)))
            .ToList();
        var rows = Score(parts, polar.Select(r => (r.Set, r.Text, r.Label)).ToList());
        var su7 = Score(parts, su7Dev.Select(r => (Su7ThreeClass, r.Text, r.Label)).ToList());
        var sets = rows.GroupBy(r => r.Set).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var choosing = sets.Where(g => g.Count() >= MinimumRows && g.Key != Su7Polar).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

        var classifierAccuracy = sets
            .Where(g => setDomains.ContainsKey(g.Key))
            .ToDictionary(g => g.Key, g => g.Count(r => Top(r.Probabilities) == Array.IndexOf(domains.Names, setDomains[g.Key])) / (double)g.Count(), StringComparer.Ordinal);

        DomainTrial Trial(DomainMixing? mixing, double threshold, bool oracle = false)
        {
            var rule = domains with
            {
                Mixing = mixing ?? DomainMixing.Hard,
                Threshold = (float)threshold,
                Scales = Enumerable.Repeat((float)options.Scale, domains.Count).ToArray(),
            };
            var factors = new double[domains.Count];
            double Logit(DevRow row)
            {
                var logit = row.Shared;
                if (oracle)
                {
                    var own = setDomains.TryGetValue(row.Set, out var name) ? Array.IndexOf(domains.Names, name) : -1;
                    if (own >= 0) logit += options.Scale * row.Parts[own];
                }
                else if (mixing is not null)
                {
                    rule.Factors(row.Probabilities, factors);
                    for (var d = 0; d < factors.Length; d++) logit += factors[d] * row.Parts[d];
                }
                return logit;
            }
            var accuracy = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var set in sets)
                accuracy[set.Key] = set.Count(row => Logit(row) >= 0 == row.Positive) / (double)set.Count();
            if (su7.Length > 0)
            {
                var logits = su7.Select(row => (Logit(row), row.Label)).ToList();
                var (below, above) = NeutralBand.Calibrate(logits);
                accuracy[Su7ThreeClass] = logits.Count(t => NeutralBand.Decide(t.Item1, below, above) == t.Label) / (double)logits.Count;
            }
            var mean = accuracy.Where(kv => choosing.Contains(kv.Key)).Select(kv => kv.Value).DefaultIfEmpty(0).Average();
            return new DomainTrial(mixing, threshold, options.Scale, accuracy, mean) { Oracle = oracle };
        }

        var trials = new List<DomainTrial> { Trial(null, 1), Trial(null, 1, oracle: true) };
        foreach (var mixing in new[] { DomainMixing.Hard, DomainMixing.Soft })
            foreach (var threshold in Thresholds)
                trials.Add(Trial(mixing, threshold));
        var sharedSu7 = trials[0].DevAccuracy.GetValueOrDefault(Su7ThreeClass, double.NaN);
        var rules = trials.Where(t => t.Mixing is not null && !t.Oracle).ToList();
        var keepingSu7 = rules.Where(t => double.IsNaN(sharedSu7) || t.DevAccuracy[Su7ThreeClass] >= sharedSu7 - 1e-9).ToList();
        var chosen = options.Mixing is not null || options.Threshold is not null
            ? Trial(options.Mixing ?? DomainMixing.Hard, options.Threshold ?? 0)
            : (keepingSu7.Count > 0 ? keepingSu7 : rules)
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
