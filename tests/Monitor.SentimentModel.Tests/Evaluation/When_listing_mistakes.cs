using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;

namespace Monitor.SentimentModel.Tests.Evaluation;

public class When_listing_mistakes
{
    private static readonly SentimentClassifier Classifier = SentimentClassifier.LoadDefault();

    private static LabelledText Row(SentimentLabel label, string text, int line) => new(label, text, "test.tsv", line);

    [Fact]
    public void Should_list_the_wrongly_scored_rows_in_file_order_with_the_phrases_behind_them()
    {
        LabelledText[] rows =
        [
            Row(SentimentLabel.Positive, "太失望了，质量太差，再也不买了", 2),
            Row(SentimentLabel.Negative, "太失望了，质量太差，再也不买了", 3),
            Row(SentimentLabel.Negative, "this is an excellent, wonderful phone", 4),
            Row(SentimentLabel.Positive, "this is an excellent, wonderful phone", 5),
        ];

        var mistakes = Evaluator.Mistakes(Classifier, rows, limit: 10);

        Assert.Equal([2, 4], mistakes.Select(m => m.Row.Line));
        Assert.Equal([SentimentLabel.Negative, SentimentLabel.Positive], mistakes.Select(m => m.Predicted));
        Assert.True(mistakes[0].Logit < 0 && mistakes[1].Logit > 0);
        Assert.All(mistakes, m => Assert.NotEmpty(m.Prediction.TopPhrases));
        Assert.Equal(2, rows.Length - Evaluator.Evaluate(Classifier, rows).Accuracy * rows.Length, 9);
    }

    [Fact]
    public void Should_stop_at_the_limit()
    {
        var rows = Enumerable.Range(1, 5).Select(i => Row(SentimentLabel.Negative, "this is an excellent, wonderful phone", i)).ToList();

        Assert.Equal([1, 2], Evaluator.Mistakes(Classifier, rows, limit: 2).Select(m => m.Row.Line));
        Assert.Empty(Evaluator.Mistakes(Classifier, rows, limit: 0));
    }

    [Fact]
    public void Should_judge_three_labels_when_the_file_has_neutral_rows()
    {
        // With a neutral row present, the neutral band decides: an obviously polar text labelled neutral is a mistake.
        LabelledText[] rows =
        [
            Row(SentimentLabel.Neutral, "太失望了，质量太差，再也不买了", 2),
            Row(SentimentLabel.Negative, "太失望了，质量太差，再也不买了", 3),
        ];

        var mistake = Assert.Single(Evaluator.Mistakes(Classifier, rows, limit: 10));

        Assert.Equal(2, mistake.Row.Line);
        Assert.Equal(SentimentLabel.Negative, mistake.Predicted);
    }
}
