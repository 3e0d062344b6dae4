using Monitor.SentimentModel.Data;

namespace Monitor.SentimentModel.Evaluation;

/// <summary>Counts of (gold, predicted) label pairs over the classes in play, with accuracy and macro-F1.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    public ConfusionMatrix(IReadOnlyList<SentimentLabel> classes)
    {
        if (classes.Count == 0) throw new ArgumentException("A confusion matrix needs at least one class.", nameof(classes));
        Classes = classes;
        _counts = new int[classes.Count, classes.Count];
    }

    public IReadOnlyList<SentimentLabel> Classes { get; }

    public int Total { get; private set; }

    public int this[SentimentLabel gold, SentimentLabel predicted] => _counts[IndexOf(gold), IndexOf(predicted)];

    public void Add(SentimentLabel gold, SentimentLabel predicted)
    {
        _counts[IndexOf(gold), IndexOf(predicted)]++;
        Total++;
    }

    public double Accuracy
    {
        get
        {
            if (Total == 0) return 0;
            var correct = 0;
            for (var i = 0; i < Classes.Count; i++) correct += _counts[i, i];
            return (double)correct / Total;
        }
    }

    /// <summary>Of the rows predicted as <paramref name="label"/>, the share whose gold label it is (0 when never predicted).</summary>
    public double Precision(SentimentLabel label)
    {
        var c = IndexOf(label);
        var predicted = 0;
        for (var k = 0; k < Classes.Count; k++) predicted += _counts[k, c];
        return predicted == 0 ? 0 : (double)_counts[c, c] / predicted;
    }

    /// <summary>Of the rows whose gold label is <paramref name="label"/>, the share predicted as it (0 when there are none).</summary>
    public double Recall(SentimentLabel label)
    {
        var c = IndexOf(label);
        var actual = 0;
        for (var k = 0; k < Classes.Count; k++) actual += _counts[c, k];
        return actual == 0 ? 0 : (double)_counts[c, c] / actual;
    }

    /// <summary>The mean over classes of F1 = 2·precision·recall / (precision + recall); a class never predicted nor present scores 0.</summary>
    public double MacroF1 => Classes.Average(c =>
    {
        double precision = Precision(c), recall = Recall(c);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    });

    private int IndexOf(SentimentLabel label)
    {
        for (var i = 0; i < Classes.Count; i++)
            if (Classes[i] == label) return i;
        throw new ArgumentException($"Label '{label.Name()}' is not one of this matrix's classes.", nameof(label));
    }
}
