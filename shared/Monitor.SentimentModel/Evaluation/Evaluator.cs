using Monitor.SentimentModel.Data;

namespace Monitor.SentimentModel.Evaluation;

/// <summary>
/// Scores labelled texts. When the gold labels hold only positive and negative, the model's
/// positive-vs-negative decision is scored (no neutral band); otherwise all three labels are.
/// </summary>
public static class Evaluator
{
    public static ConfusionMatrix Evaluate(SentimentClassifier classifier, IReadOnlyList<LabelledText> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("There is nothing to evaluate: no labelled rows.", nameof(rows));
        var binary = IsBinary(rows);
        var classes = binary
            ? new[] { SentimentLabel.Positive, SentimentLabel.Negative }
            : new[] { SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative };
        var matrix = new ConfusionMatrix(classes);
        foreach (var row in rows) matrix.Add(row.Label, Decide(classifier, row.Text, binary));
        return matrix;
    }

    /// <summary>
    /// The rows the model gets wrong, in file order, at most <paramref name="limit"/>, each with the
    /// prediction that scored it and the phrases that drove it (the same decision as <see cref="Evaluate"/>).
    /// </summary>
    public static IReadOnlyList<Mistake> Mistakes(SentimentClassifier classifier, IReadOnlyList<LabelledText> rows, int limit, int topPhrases = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var binary = IsBinary(rows);
        var mistakes = new List<Mistake>();
        foreach (var row in rows)
        {
            if (mistakes.Count == limit) break;
            var predicted = Decide(classifier, row.Text, binary);
            if (predicted != row.Label)
                mistakes.Add(new Mistake(row, predicted, classifier.Logit(row.Text), classifier.Predict(row.Text, topPhrases)));
        }
        return mistakes;
    }

    private static bool IsBinary(IReadOnlyList<LabelledText> rows) => rows.All(r => r.Label != SentimentLabel.Neutral);

    private static SentimentLabel Decide(SentimentClassifier classifier, string text, bool binary) => binary
        ? classifier.Logit(text) >= 0 ? SentimentLabel.Positive : SentimentLabel.Negative
        : SentimentLabelText.FromName(classifier.Predict(text, topPhrases: 0).Label);
}

/// <summary>A labelled row the model got wrong: what it predicted, its logit and the full prediction (with the phrases that drove it).</summary>
public sealed record Mistake(LabelledText Row, SentimentLabel Predicted, double Logit, SentimentPrediction Prediction);
