using System.Diagnostics;
using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Training;

public sealed partial class ModelTrainer
{
    /// <summary>The authored SU7 training sentences, read from their own file; every row is a training row.</summary>
    public const string AuthoredSet = "SU7 authored";

    /// <summary>Labels PR staff corrected in Monitor (the latest per item), passed in by the caller; every row is a training row.</summary>
    public const string CorrectionsSet = "staff corrections";

    /// <summary>The corpus with the staff's corrected labels added as training rows.</summary>
    private static TrainingCorpus WithCorrections(TrainingCorpus corpus, IReadOnlyList<LabelledText>? corrections) =>
        corrections is not { Count: > 0 }
            ? corpus
            : new TrainingCorpus
            {
                Rows = [.. corpus.Rows, .. corrections.Select(r => new CorpusRow(CorrectionsSet, r.Label, r.Text, Split.Train))],
                Files = corpus.Files,
                DroppedAsEvaluationDuplicates = corpus.DroppedAsEvaluationDuplicates,
            };

    /// <summary>Sets with at least one neutral row: their rows train the subjectivity part and are scored in three classes.</summary>
    internal static HashSet<string> ThreeClassSets(IEnumerable<CorpusRow> rows) =>
        rows.Where(r => r.Label == SentimentLabel.Neutral).Select(r => r.Set).ToHashSet(StringComparer.Ordinal);

    /// <summary>The corpus with the authored SU7 training sentences added as training rows (when the file exists).</summary>
    private static TrainingCorpus WithAuthored(TrainingCorpus corpus, string? su7Train) =>
        su7Train is null || !File.Exists(su7Train)
            ? corpus
            : new TrainingCorpus
            {
                Rows = [.. corpus.Rows, .. LabelledFile.Read(su7Train).Select(r => new CorpusRow(AuthoredSet, r.Label, r.Text, Split.Train))],
                Files = [.. corpus.Files, su7Train],
                DroppedAsEvaluationDuplicates = corpus.DroppedAsEvaluationDuplicates,
            };

    /// <summary>
    /// Fits the subjectivity part (judges = 1, neutral = 0) on the training rows of the three-class sets
    /// (and, when <see cref="TrainingOptions.SubjectivityTwoClassWeight"/> is above 0, the two-class
    /// sets' rows as judging texts), plain logistic regression (NB-scaled when <see cref="TrainingOptions.SubjectivityNaiveBayesScaling"/>), quantised to 16 bits.
    /// </summary>
    private SubjectivityWeights FitSubjectivity(TrainingCorpus corpus, HashSet<string> threeClassSets, Stopwatch clock)
    {
        var rows = corpus.Rows.Where(r => r.Split == Split.Train
                && (threeClassSets.Contains(r.Set) || (options.SubjectivityTwoClassWeight > 0 && r.Set != AuthoredSet)))
            .Where((_, i) => i % options.Subsample == 0).ToList();
        var hashes = Hashes(rows);
        var targets = rows.Select(r => r.Label == SentimentLabel.Neutral ? 0f : 1f).ToArray();
        var weights = rows.Select(r => (float)(threeClassSets.Contains(r.Set)
            ? options.SetWeights.GetValueOrDefault(r.Set, 1.0)
            : options.SubjectivityTwoClassWeight * PhraseLengthWeight(r))).ToArray();
        log?.Invoke($"subjectivity: {rows.Count:N0} training rows ({targets.Count(t => t == 0):N0} neutral) from {string.Join(", ", threeClassSets.Order(StringComparer.Ordinal))}");
        var bits = options.SubjectivityHashBits;
        var fitted = FitLinear(hashes.Select(h => SparseVector.Linear(h, bits, (float)options.LengthPower)).ToArray(), 1 << bits, targets, weights, clock,
            stage: "subjectivity ", naiveBayesScaling: options.NaiveBayesScaling && options.SubjectivityNaiveBayesScaling);
        var max = fitted.Weights.Max(MathF.Abs);
        var scale = max == 0 ? 1f : max / short.MaxValue;
        var quantised = fitted.Weights.Select(w => (short)Math.Clamp(MathF.Round(w / scale), -short.MaxValue, short.MaxValue)).ToArray();
        return new SubjectivityWeights(bits, scale, fitted.Bias, quantised);
    }

    /// <summary>
    /// Moves the subjectivity bias to where the mean three-class dev accuracy over the three-class sets
    /// (and the SU7 dev set) is best, each set weighing the same: the sets differ in how much of them is
    /// neutral, and the bias learned from their mixture need not suit any of them.
    /// </summary>
    internal static float CalibrateSubjectivityOffset(SentimentClassifier classifier, IReadOnlyList<(string Set, LabelledText Row)> dev, Action<string>? log = null)
    {
        if (dev.Count == 0) return 0;
        var scored = dev.Select(d => (d.Set, d.Row.Label, Logits: classifier.Logits(d.Row.Text))).ToList();
        var sets = scored.Select(s => s.Set).Distinct().ToList();
        var best = (Offset: 0.0, Accuracy: double.NegativeInfinity);
        for (var step = -150; step <= 150; step++)
        {
            var offset = step * 0.02;
            var accuracy = sets.Average(set =>
            {
                var rows = scored.Where(s => s.Set == set).ToList();
                return rows.Count(s => ClassProbabilities.Of(s.Logits.Polarity, s.Logits.Subjectivity + offset).Label == s.Label) / (double)rows.Count;
            });
            if (accuracy > best.Accuracy + 1e-12 || (Math.Abs(accuracy - best.Accuracy) <= 1e-12 && Math.Abs(offset) < Math.Abs(best.Offset)))
                best = (offset, accuracy);
        }
        foreach (var set in sets)
        {
            var rows = scored.Where(s => s.Set == set).ToList();
            var matrix = new ConfusionMatrix([SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative]);
            foreach (var row in rows) matrix.Add(row.Label, ClassProbabilities.Of(row.Logits.Polarity, row.Logits.Subjectivity + best.Offset).Label);
            log?.Invoke($"dev {set} ({rows.Count}) at bias {best.Offset:+0.00;-0.00}: accuracy {matrix.Accuracy:F4}; gold positive, neutral, negative predicted as "
                + string.Join(" / ", matrix.Classes.Select(g => string.Join(" ", matrix.Classes.Select(p => matrix[g, p])))));
        }
        return (float)best.Offset;
    }

    private FeatureHashes[] Hashes(IReadOnlyList<CorpusRow> rows)
    {
        var hashes = new FeatureHashes[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            () => (Scaled: new List<uint>(4096), Unscaled: new List<uint>(16)),
            (i, _, scratch) => { hashes[i] = FeatureHashes.Of(rows[i].Text, options.MaxCjkGram, options.Features, scratch.Scaled, scratch.Unscaled); return scratch; },
            _ => { });
        return hashes;
    }
}
