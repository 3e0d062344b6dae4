using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Tests.Scoring;

public class When_scoring_in_three_classes
{
    [Fact]
    public void Should_split_the_probability_by_the_subjectivity_and_the_polarity_logits()
    {
        var p = ClassProbabilities.Of(polarityLogit: Math.Log(3), subjectivityLogit: Math.Log(4));

        // P(polar) = 4/5, P(positive | polar) = 3/4
        Assert.Equal(0.2, p.Neutral, 12);
        Assert.Equal(0.6, p.Positive, 12);
        Assert.Equal(0.2, p.Negative, 12);
        Assert.Equal(0.4, p.Score, 12);
        Assert.Equal(SentimentLabel.Positive, p.Label);
    }

    [Fact]
    public void Should_call_a_text_neutral_when_the_subjectivity_part_says_it_does_not_judge()
    {
        var classifier = new SentimentClassifier(ThreeClassModels.BiasesOnly(polarityBias: 2f, subjectivityBias: -2f));

        var prediction = classifier.Predict("小米SU7于3月28日发布。", topPhrases: 0);

        var expected = ClassProbabilities.Of(2, -2);
        Assert.Equal("neutral", prediction.Label);
        Assert.Equal(expected.Neutral, prediction.Confidence, 12);
        Assert.Equal(expected.Positive - expected.Negative, prediction.Score, 12);
    }

    [Fact]
    public void Should_give_the_polar_label_its_probability_as_the_confidence()
    {
        var classifier = new SentimentClassifier(ThreeClassModels.BiasesOnly(polarityBias: -1.5f, subjectivityBias: 3f));

        var prediction = classifier.Predict("太失望了", topPhrases: 0);

        var expected = ClassProbabilities.Of(-1.5, 3);
        Assert.Equal("negative", prediction.Label);
        Assert.Equal(expected.Negative, prediction.Confidence, 12);
        Assert.True(prediction.Score < 0);
        Assert.Equal(expected, classifier.Probabilities("太失望了"));
    }

    [Fact]
    public void Should_keep_the_probabilities_summing_to_one_and_the_score_inside_minus_one_to_one()
    {
        var classifier = new SentimentClassifier(ThreeClassModels.WithSubjectivity(new ModelWeights("any-1", 10, 3, 0.002f, 0.1f, 0f, 0f,
            Enumerable.Range(0, 1 << 10).Select(i => (short)((i * 7919 % 30001) - 15000)).ToArray())));

        foreach (var text in new[] { "", "小米SU7真好看", "Delivery was slow but the car is great.", "请问保险一般多少钱？[哈哈]" })
        {
            var p = classifier.Probabilities(text)!.Value;
            var prediction = classifier.Predict(text);
            Assert.Equal(1, p.Negative + p.Neutral + p.Positive, 12);
            Assert.InRange(prediction.Score, -1, 1);
            Assert.Equal(p.Label.Name(), prediction.Label);
            Assert.Equal(p[p.Label], prediction.Confidence, 12);
        }
    }

    [Fact]
    public void Should_have_no_class_probabilities_for_a_model_with_a_neutral_band()
    {
        var band = new SentimentClassifier(new ModelWeights("band-1", 10, 3, 0.001f, 0f, -0.5f, 0.5f, new short[1 << 10]));
        var rows = new[] { new LabelledText(SentimentLabel.Neutral, "小米SU7发布", "", 1) };

        Assert.Null(band.Probabilities("小米SU7发布"));
        Assert.Null(Calibration.ClassErrors(band, rows));
        Assert.Equal("neutral", band.Predict("小米SU7发布").Label);
    }

    [Fact]
    public void Should_read_both_parts_back_from_the_interleaved_weights()
    {
        var polarity = Enumerable.Range(0, 1 << 11).Select(i => (short)((i * 7919 % 65535) - 32767)).ToArray();
        var subjectivity = ThreeClassModels.WithSubjectivity(new ModelWeights("any-1", 11, 3, 1f, 0f, 0f, 0f, polarity)).Subjectivity!;

        var pairs = subjectivity.Interleave(polarity, 11);

        Assert.All(Enumerable.Range(0, pairs.Length), i =>
        {
            Assert.Equal(polarity[i], (short)pairs[i]);
            Assert.Equal(subjectivity.Weights[i & subjectivity.Mask], pairs[i] >> 16);
        });
        var error = Assert.Throws<InvalidDataException>(() => subjectivity.Interleave(new short[1 << 9], 9));
        Assert.Contains("10 hash bits, more than the polarity part's 9", error.Message);
    }
}
