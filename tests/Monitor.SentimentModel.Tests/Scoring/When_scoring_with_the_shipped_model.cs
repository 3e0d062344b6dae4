using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;

namespace Monitor.SentimentModel.Tests.Scoring;

public class When_scoring_with_the_shipped_model
{
    // Measured on the committed model: 0.8660 three-class, 0.9167 positive-vs-negative (models/MODEL_CARD.md), less a margin.
    private const double Su7TestAccuracyFloor = 0.84;
    private const double Su7TestBinaryAccuracyFloor = 0.89;

    private static readonly SentimentClassifier Classifier = SentimentClassifier.LoadDefault();

    private static IReadOnlyList<LabelledText> Su7Test() =>
        LabelledFile.Read(Path.Combine(AppContext.BaseDirectory, "samples", "test.tsv"));

    [Fact]
    public void Should_reach_its_measured_three_class_accuracy_on_the_su7_test_set()
    {
        var matrix = Evaluator.Evaluate(Classifier, Su7Test());

        Assert.Equal(306, matrix.Total);
        Assert.True(matrix.Accuracy >= Su7TestAccuracyFloor, $"accuracy {matrix.Accuracy:F4} is below the floor {Su7TestAccuracyFloor}");
    }

    [Fact]
    public void Should_separate_positive_from_negative_su7_sentences()
    {
        var polar = Su7Test().Where(r => r.Label != SentimentLabel.Neutral).ToList();

        var matrix = Evaluator.Evaluate(Classifier, polar);

        Assert.True(matrix.Accuracy >= Su7TestBinaryAccuracyFloor, $"accuracy {matrix.Accuracy:F4} is below the floor {Su7TestBinaryAccuracyFloor}");
    }

    [Theory]
    [InlineData("请问小米SU7每年的保险价格一般是多少？")]
    [InlineData("小米SU7将于3月28日晚7点举行上市发布会。")]
    [InlineData("Xiaomi will hold the SU7 launch event on March 28.")]
    public void Should_call_a_question_or_a_stated_fact_neutral(string text)
    {
        var prediction = Classifier.Predict(text);

        Assert.Equal("neutral", prediction.Label);
        Assert.InRange(prediction.Score, -0.5, 0.5);
        Assert.Equal(Classifier.Probabilities(text)!.Value.Neutral, prediction.Confidence, 12);
    }

    [Fact]
    public void Should_carry_version_score_confidence_and_phrases()
    {
        var prediction = Classifier.Predict("等了三个月还没提车，客服也不回复，太失望了[怒]");

        Assert.Equal("negative", prediction.Label);
        Assert.Equal(Classifier.Version, prediction.ModelVersion);
        Assert.InRange(prediction.Score, -1, 0);
        Assert.InRange(prediction.Confidence, 0.5, 1);
        Assert.InRange(prediction.TopPhrases.Count, 1, 5);
        Assert.All(prediction.TopPhrases, p => Assert.Contains(p.Phrase, "等了三个月还没提车，客服也不回复，太失望了[怒]"));
        Assert.True(prediction.TopPhrases[0].Weight < 0, "the strongest phrase of a negative text should push negative");
    }

    [Fact]
    public void Should_list_phrases_strongest_first_and_respect_the_count_asked()
    {
        var prediction = Classifier.Predict("The SU7 is gorgeous, fast and comfortable, I love it!", topPhrases: 3);

        Assert.Equal("positive", prediction.Label);
        Assert.Equal(3, prediction.TopPhrases.Count);
        var strengths = prediction.TopPhrases.Select(p => Math.Abs(p.Weight)).ToList();
        Assert.Equal(strengths.OrderDescending(), strengths);
        Assert.Empty(Classifier.Predict("anything", topPhrases: 0).TopPhrases);
    }

    [Fact]
    public void Should_score_a_long_text_the_same_from_many_threads()
    {
        var text = string.Concat(Enumerable.Repeat("小米SU7的设计很漂亮，但是交付太慢了。Delivery was slow but the car is great. ", 40));
        var expected = Classifier.Predict(text);

        var results = new SentimentPrediction[64];
        Parallel.For(0, results.Length, i => results[i] = Classifier.Predict(text));

        Assert.All(results, r => Assert.Equal(expected.Score, r.Score));
        Assert.All(results, r => Assert.Equal(expected.TopPhrases, r.TopPhrases));
    }

    [Fact]
    public void Should_score_empty_text_without_failing()
    {
        var prediction = Classifier.Predict("");

        Assert.Contains(prediction.Label, new[] { "positive", "neutral", "negative" });
        Assert.Empty(prediction.TopPhrases);
    }
}
