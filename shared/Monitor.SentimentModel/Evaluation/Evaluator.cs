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
        var binary = rows.All(r => r.Label != SentimentLabel.Neutral);
        var classes = binary
            ? new[] { SentimentLabel.Positive, SentimentLabel.Negative }
            : new[] { SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative };
        var matrix = new ConfusionMatrix(classes);
        foreach (var row in rows)
        {
            var predicted = binary
                ? classifier.Logit(row.Text) >= 0 ? SentimentLabel.Positive : SentimentLabel.Negative
                : SentimentLabelText.FromName(classifier.Predict(row.Text, topPhrases: 0).Label);
            matrix.Add(row.Label, predicted);
        }
        return matrix;
    }
}
