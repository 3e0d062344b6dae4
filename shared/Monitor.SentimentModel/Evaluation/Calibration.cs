using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Evaluation;

/// <summary>
/// How far the model's confidence is from how often it is right (expected calibration error): the
/// positive-vs-negative decisions on rows whose gold label is positive or negative, put in ten bins of
/// confidence from 0.5 to 1; each bin's |accuracy − mean confidence|, weighted by its share of the rows.
/// 0 means "90% confident" is right 90% of the time; staff read the confidence on every score.
/// </summary>
public static class Calibration
{
    public const int Bins = 10;

    /// <summary>The calibration error of the classifier on the polar rows; null when there are none.</summary>
    public static double? Error(SentimentClassifier classifier, IReadOnlyList<LabelledText> rows) =>
        Error(rows.Where(r => r.Label != SentimentLabel.Neutral)
            .Select(r => (PositiveProbability: Sigmoid(classifier.Logit(r.Text)), GoldPositive: r.Label == SentimentLabel.Positive))
            .ToList());

    /// <summary>The calibration error of P(positive) against gold labels; null for no rows.</summary>
    public static double? Error(IReadOnlyList<(double PositiveProbability, bool GoldPositive)> scored)
    {
        if (scored.Count == 0) return null;
        var count = new int[Bins];
        var confidence = new double[Bins];
        var correct = new int[Bins];
        foreach (var (p, goldPositive) in scored)
        {
            if (!(p is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(scored), p, "a probability lies between 0 and 1.");
            var saysPositive = p >= 0.5;
            var c = saysPositive ? p : 1 - p;
            var bin = Math.Min(Bins - 1, (int)((c - 0.5) * 2 * Bins));
            count[bin]++;
            confidence[bin] += c;
            if (saysPositive == goldPositive) correct[bin]++;
        }
        double error = 0;
        for (var b = 0; b < Bins; b++)
            if (count[b] > 0) error += Math.Abs(correct[b] - confidence[b]) / scored.Count;
        return error;
    }

    /// <summary>
    /// Per class, how far the model's probability of that class is from how often the class is the gold
    /// one: rows in ten bins of P(class) from 0 to 1, each bin's |share of the class − mean P(class)|,
    /// weighted by its share of the rows (the <see cref="Reliability"/> bins, summed). Null for a model
    /// without class probabilities (format 4 and older) or no rows.
    /// </summary>
    public static IReadOnlyDictionary<SentimentLabel, double>? ClassErrors(SentimentClassifier classifier, IReadOnlyList<LabelledText> rows) =>
        Reliability(classifier, rows) is { } reliability
            ? reliability.ToDictionary(kv => kv.Key, kv => ClassError(kv.Value))
            : null;

    /// <summary>
    /// Per class, its reliability diagram as numbers: the non-empty bins of ten of P(class) from 0 to 1, each
    /// with its rows, mean P(class) and the share of them whose gold label is the class. Null for a model
    /// without class probabilities or no rows.
    /// </summary>
    public static IReadOnlyDictionary<SentimentLabel, IReadOnlyList<ReliabilityBin>>? Reliability(SentimentClassifier classifier, IReadOnlyList<LabelledText> rows)
    {
        if (rows.Count == 0) return null;
        var scored = new List<(ClassProbabilities Probabilities, SentimentLabel Gold)>(rows.Count);
        foreach (var row in rows)
        {
            if (classifier.Probabilities(row.Text) is not { } probabilities) return null;
            scored.Add((probabilities, row.Label));
        }
        return new[] { SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative }
            .ToDictionary(label => label, label => ReliabilityBins(scored.Select(s => (s.Probabilities[label], s.Gold == label)).ToList()));
    }

    /// <summary>The non-empty bins of ten of a class's probability, lowest first.</summary>
    public static IReadOnlyList<ReliabilityBin> ReliabilityBins(IReadOnlyList<(double Probability, bool IsClass)> scored)
    {
        var count = new int[Bins];
        var probability = new double[Bins];
        var hits = new int[Bins];
        foreach (var (p, isClass) in scored)
        {
            var bin = Math.Min(Bins - 1, (int)(p * Bins));
            count[bin]++;
            probability[bin] += p;
            if (isClass) hits[bin]++;
        }
        return Enumerable.Range(0, Bins).Where(b => count[b] > 0)
            .Select(b => new ReliabilityBin(b / (double)Bins, count[b], probability[b] / count[b], hits[b] / (double)count[b]))
            .ToArray();
    }

    /// <summary>Each bin's |observed − mean probability|, weighted by its share of the rows.</summary>
    public static double ClassError(IReadOnlyList<ReliabilityBin> bins)
    {
        var rows = bins.Sum(b => b.Rows);
        return rows == 0 ? 0 : bins.Sum(b => Math.Abs(b.Observed - b.MeanProbability) * b.Rows / rows);
    }

    private static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));
}
