using System.Diagnostics;
using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Domains;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Training;

/// <summary>The domain-adaptation steps of training: the residual fit of the domain copies and the domain classifier.</summary>
public sealed partial class ModelTrainer
{
    /// <summary>
    /// Domain copies fitted after the shared weights, as corrections: the shared weights are trained
    /// as without domains, then each row of a domain trains its copies with a shared logit as a fixed
    /// offset. That offset is cross-fitted (from shared weights trained on the other half of the rows),
    /// because the shared weights' logits on their own training rows are too good to leave anything to correct.
    /// </summary>
    private (float[] Weights, float Bias) FitResidual(FeatureHashes[] hashes, float[] targets, float[] weights, int[] copyOf, int domains,
        DomainOptions settings, Stopwatch clock)
    {
        var dimensions = 1 << options.HashBits;
        var linear = hashes.Select(h => SparseVector.Linear(h, options.HashBits, (float)options.LengthPower)).ToArray();
        var (shared, bias) = FitLinear(linear, dimensions, targets, weights, clock);

        // two halves of the domain rows; rows of no domain (lexicon words, shared-only sets) train both half-models
        var half = new int[hashes.Length];
        var seen = 0;
        for (var i = 0; i < half.Length; i++) half[i] = copyOf[i] < 0 ? -1 : seen++ % 2;
        var offsets = new float[hashes.Length];
        for (var fold = 0; fold < 2; fold++)
        {
            var rest = Enumerable.Range(0, hashes.Length).Where(i => half[i] != fold).ToArray();
            var (w, b) = FitLinear(rest.Select(i => linear[i]).ToArray(), dimensions, rest.Select(i => targets[i]).ToArray(),
                rest.Select(i => weights[i]).ToArray(), clock, stage: $"half-model {fold + 1}/2: ");
            for (var i = 0; i < hashes.Length; i++)
                if (half[i] == fold) offsets[i] = Dot(w, b, linear[i]);
        }

        var rows = Enumerable.Range(0, hashes.Length).Where(i => copyOf[i] >= 0).ToArray();
        var copies = rows.Select(i => SparseVector.DomainCopies(hashes[i], (float)options.LengthPower, copyOf[i], domains, settings.HashBits, (float)settings.CopyValue)).ToArray();
        var table = (1 << settings.HashBits) * domains;
        var (corrections, _) = FitLinear(copies, table + domains, rows.Select(i => targets[i]).ToArray(), rows.Select(i => weights[i]).ToArray(), clock,
            domains, j => j < table ? j % domains : j - table, rows.Select(i => offsets[i]).ToArray(), "domain copies: ");
        return ([.. shared, .. corrections], bias);
    }

    private static float Dot(float[] weights, float bias, SparseVector row)
    {
        var z = (double)bias;
        for (var k = 0; k < row.Indices.Length; k++) z += weights[row.Indices[k]] * row.Values[k];
        return (float)z;
    }

    /// <summary>Index parts of an augmented vector: 0 the shared table, 1 + d domain d's copies and bias.</summary>
    private static Func<int, int> PartOf(int hashBits, int domainBits, int domains)
    {
        var shared = 1 << hashBits;
        var biases = shared + (1 << domainBits) * domains;
        return j => j < shared ? 0 : 1 + (j < biases ? (j - shared) % domains : j - biases);
    }

    /// <summary>
    /// Trains the domain classifier on the training rows of the domains, then chooses on dev how the
    /// domain copies join the shared weights (<see cref="DomainChoice"/>).
    /// </summary>
    private (ModelWeights Model, DomainReport Report) TrainDomainClassifier(
        ModelWeights model, DomainOptions settings, FeatureHashes[] hashes, int[] domainOf, TrainingCorpus corpus, IReadOnlyList<LabelledText> su7Dev, Stopwatch clock)
    {
        var rows = Enumerable.Range(0, hashes.Length).Where(i => domainOf[i] >= 0).ToArray();
        var vectors = rows.Select(i => SparseVector.DomainClassifier(hashes[i], settings.ClassifierBits, (float)options.LengthPower)).ToArray();
        var domains = model.Domains!;
        var classifier = new DomainClassifierTrainer(settings, domains.Count, options.Seed).Train(vectors, rows.Select(i => domainOf[i]).ToArray());
        log?.Invoke($"domain classifier ({domains.Count} domains, {rows.Length:N0} rows) trained at {clock.Elapsed.TotalSeconds:F1}s");
        var withClassifier = model with { Domains = domains with { Classifier = classifier } };
        var report = DomainChoice.Choose(new SentimentClassifier(withClassifier), withClassifier.Domains!,
            corpus.Rows.Where(r => r.Split == Split.Dev).ToList(), su7Dev, settings.SetDomains, settings);
        foreach (var (set, accuracy) in report.ClassifierDevAccuracy)
            log?.Invoke($"domain classifier dev accuracy {set}: {accuracy:F4}");
        foreach (var trial in report.Trials)
            log?.Invoke($"dev with {trial.Describe()}: mean {trial.Mean:F4} ({string.Join(", ", trial.DevAccuracy.Select(kv => $"{kv.Key} {kv.Value:F4}"))})");
        log?.Invoke($"chosen on dev: {report.Chosen.Describe()}");
        var chosen = report.Chosen;
        return (withClassifier with
        {
            Domains = withClassifier.Domains! with
            {
                Mixing = chosen.Mixing ?? DomainMixing.Hard,
                Threshold = (float)chosen.Threshold,
                Scales = Enumerable.Repeat((float)chosen.Scale, domains.Count).ToArray(),
            },
        }, report);
    }
}
