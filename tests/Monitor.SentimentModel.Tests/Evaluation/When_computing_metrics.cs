using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;

namespace Monitor.SentimentModel.Tests.Evaluation;

public class When_computing_metrics
{
    private static readonly SentimentLabel Pos = SentimentLabel.Positive, Neu = SentimentLabel.Neutral, Neg = SentimentLabel.Negative;

    private static ConfusionMatrix Matrix(params (SentimentLabel Gold, SentimentLabel Predicted, int Count)[] cells)
    {
        var matrix = new ConfusionMatrix([Pos, Neu, Neg]);
        foreach (var (gold, predicted, count) in cells)
            for (var i = 0; i < count; i++) matrix.Add(gold, predicted);
        return matrix;
    }

    [Fact]
    public void Should_match_a_hand_computed_three_class_matrix()
    {
        // gold pos: 8 pos, 1 neu, 1 neg; gold neu: 2 pos, 5 neu, 3 neg; gold neg: 0 pos, 2 neu, 8 neg
        var matrix = Matrix((Pos, Pos, 8), (Pos, Neu, 1), (Pos, Neg, 1), (Neu, Pos, 2), (Neu, Neu, 5), (Neu, Neg, 3), (Neg, Neu, 2), (Neg, Neg, 8));

        Assert.Equal(30, matrix.Total);
        Assert.Equal(21.0 / 30, matrix.Accuracy, 12);
        // pos: P 8/10 R 8/10 F1 .8; neu: P 5/8 R 5/10 F1 5/9; neg: P 8/12 R 8/10 F1 8/11
        Assert.Equal((0.8 + 5.0 / 9 + 8.0 / 11) / 3, matrix.MacroF1, 12);
        Assert.Equal(3, matrix[Neu, Neg]);
    }

    [Fact]
    public void Should_give_precision_and_recall_per_class()
    {
        var matrix = Matrix((Pos, Pos, 8), (Pos, Neu, 1), (Pos, Neg, 1), (Neu, Pos, 2), (Neu, Neu, 5), (Neu, Neg, 3), (Neg, Neu, 2), (Neg, Neg, 8));

        Assert.Equal(8.0 / 10, matrix.Precision(Pos), 12);
        Assert.Equal(5.0 / 8, matrix.Precision(Neu), 12);
        Assert.Equal(8.0 / 12, matrix.Precision(Neg), 12);
        Assert.Equal(8.0 / 10, matrix.Recall(Pos), 12);
        Assert.Equal(5.0 / 10, matrix.Recall(Neu), 12);
        Assert.Equal(8.0 / 10, matrix.Recall(Neg), 12);
    }

    [Fact]
    public void Should_score_a_class_never_predicted_as_zero_f1()
    {
        var matrix = new ConfusionMatrix([Pos, Neg]);
        matrix.Add(Pos, Pos);
        matrix.Add(Neg, Pos);

        Assert.Equal(0.5, matrix.Accuracy, 12);
        // pos: P 1/2 R 1 F1 2/3; neg: F1 0
        Assert.Equal(1.0 / 3, matrix.MacroF1, 12);
    }

    [Fact]
    public void Should_refuse_a_label_outside_its_classes()
    {
        var matrix = new ConfusionMatrix([Pos, Neg]);

        Assert.Throws<ArgumentException>(() => matrix.Add(Neu, Pos));
    }
}
