using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;

namespace Monitor.SentimentModel.Tests.Evaluation;

public class When_measuring_calibration
{
    private static (double, bool)[] Rows(double probability, int right, int wrong, bool saysPositive = true) =>
    [
        .. Enumerable.Repeat((probability, saysPositive), right),
        .. Enumerable.Repeat((probability, !saysPositive), wrong),
    ];

    [Fact]
    public void Should_be_zero_when_the_confidence_matches_how_often_the_decision_is_right()
    {
        Assert.Equal(0, Calibration.Error(Rows(0.8, right: 8, wrong: 2))!.Value, 12);
    }

    [Fact]
    public void Should_be_the_gap_between_confidence_and_accuracy_for_an_overconfident_model()
    {
        Assert.Equal(0.45, Calibration.Error(Rows(0.95, right: 2, wrong: 2))!.Value, 12);
    }

    [Fact]
    public void Should_read_a_low_probability_of_positive_as_confidence_in_negative()
    {
        // P(positive) 0.1 says negative with confidence 0.9: right when gold is negative.
        Assert.Equal(0, Calibration.Error(Rows(0.1, right: 9, wrong: 1, saysPositive: false))!.Value, 12);
        Assert.Equal(0.8, Calibration.Error(Rows(0.1, right: 1, wrong: 9, saysPositive: false))!.Value, 12);
    }

    [Fact]
    public void Should_weigh_each_bin_by_its_share_of_the_rows()
    {
        // Three quarters calibrated at 0.6, one quarter at 0.9 but always right: 0.25 · |1 − 0.9|.
        var rows = Rows(0.6, right: 18, wrong: 12).Concat(Rows(0.9, right: 10, wrong: 0)).ToList();

        Assert.Equal(0.025, Calibration.Error(rows)!.Value, 12);
    }

    [Fact]
    public void Should_say_nothing_without_rows_and_refuse_a_probability_outside_zero_to_one()
    {
        Assert.Null(Calibration.Error(new List<(double, bool)>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.Error(Rows(1.2, right: 1, wrong: 0)));
    }

    [Fact]
    public void Should_leave_out_neutral_rows_when_scoring_a_classifier()
    {
        var classifier = SentimentClassifier.LoadDefault();
        LabelledText[] polar = [new(SentimentLabel.Positive, "this is an excellent, wonderful phone", "t.tsv", 2)];
        LabelledText[] withNeutral = [.. polar, new(SentimentLabel.Neutral, "truly awful, I hate it and want my money back", "t.tsv", 3)];

        Assert.Equal(Calibration.Error(classifier, polar), Calibration.Error(classifier, withNeutral));
        Assert.Null(Calibration.Error(classifier, withNeutral[1..]));
    }

    [Fact]
    public void Should_measure_each_class_probability_against_how_often_that_class_is_gold()
    {
        // every text gets P(positive) ≈ 0.73, P(neutral) ≈ 0.24, P(negative) ≈ 0.03 from the biases alone
        var classifier = new SentimentClassifier(Scoring.ThreeClassModels.BiasesOnly(polarityBias: 3f, subjectivityBias: 1.15f));
        var p = classifier.Probabilities("x")!.Value;
        var rows = Enumerable.Range(0, 100).Select(i => new LabelledText(i < 50 ? SentimentLabel.Positive : SentimentLabel.Neutral, $"text {i}", "", i)).ToList();

        var errors = Calibration.ClassErrors(classifier, rows)!;

        Assert.Equal(Math.Abs(0.5 - p.Positive), errors[SentimentLabel.Positive], 9);
        Assert.Equal(Math.Abs(0.5 - p.Neutral), errors[SentimentLabel.Neutral], 9);
        Assert.Equal(p.Negative, errors[SentimentLabel.Negative], 9);
    }

    [Fact]
    public void Should_bin_each_class_probability_with_its_mean_and_the_share_of_the_class()
    {
        // 0.15 twice (once the class), 0.95 four times (three times the class)
        (double, bool)[] scored = [(0.1, true), (0.2, false), (0.95, true), (0.95, true), (0.95, true), (0.95, false)];

        var bins = Calibration.ReliabilityBins(scored);

        Assert.Equal([new ReliabilityBin(0.1, 1, 0.1, 1), new ReliabilityBin(0.2, 1, 0.2, 0), new ReliabilityBin(0.9, 4, 0.95, 0.75)],
            bins.Select(b => b with { MeanProbability = Math.Round(b.MeanProbability, 9) }));
        Assert.Equal((0.9 + 0.2 + 4 * 0.2) / 6, Calibration.ClassError(bins), 9);
    }

    [Fact]
    public void Should_sum_the_reliability_bins_into_the_class_calibration_error_and_show_them_per_class()
    {
        var classifier = new SentimentClassifier(Scoring.ThreeClassModels.BiasesOnly(polarityBias: 3f, subjectivityBias: 1.15f));
        var rows = Enumerable.Range(0, 100).Select(i => new LabelledText(i < 50 ? SentimentLabel.Positive : SentimentLabel.Neutral, $"text {i}", "", i)).ToList();

        var reliability = Calibration.Reliability(classifier, rows)!;
        var table = ReliabilityTable.Markdown(reliability);

        Assert.Equal(Calibration.ClassErrors(classifier, rows)!.Values, reliability.Values.Select(Calibration.ClassError));
        Assert.All(reliability.Values, bins => Assert.Equal(100, Assert.Single(bins).Rows));
        Assert.Equal(5, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("→ 0.50 (100)", table);
        Assert.StartsWith("negative reliability: calibration error ", ReliabilityTable.Line(SentimentLabel.Negative, reliability[SentimentLabel.Negative]));
    }
}
