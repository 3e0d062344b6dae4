using Monitor.SentimentModel.Ensemble;
using Monitor.SentimentModel.Tests.Features;

namespace Monitor.SentimentModel.Tests.Ensemble;

public class When_scoring_with_an_ensemble
{
    private static readonly string[] Texts =
    [
        "小米SU7真好看，交付太慢了",
        "The SU7 is gorgeous but the delivery was slow",
        "雷军说 SU7 Ultra 很快 and the price is fair",
        "",
    ];

    /// <summary>The embedding bag's logit computed the plain way: mean of the dequantised n-gram vectors, then the layers.</summary>
    private static double ReferenceBagLogit(EmbeddingBag bag, string text)
    {
        var hashes = FeatureRecorder.Extract(text).Select(f => f.Hash).ToList();
        var input = new float[EmbeddingBag.Dimensions];
        foreach (var h in hashes)
            for (var d = 0; d < input.Length; d++)
                input[d] += bag.Embeddings[(int)(h >> bag.Shift) * EmbeddingBag.Dimensions + d];
        for (var d = 0; d < input.Length; d++) input[d] = input[d] * bag.Scale / Math.Max(hashes.Count, 1);
        return bag.Forward(input);
    }

    [Fact]
    public void Should_sum_the_bag_vectors_of_every_feature()
    {
        var classifier = new SentimentClassifier(SmallModels.WithEnsemble());

        foreach (var text in Texts)
        {
            var (inputs, _) = classifier.Inputs(text);
            Assert.Equal(ReferenceBagLogit(SmallModels.Bag(), text), inputs.Embedding, 5);
        }
    }

    [Fact]
    public void Should_pass_the_linear_logit_unchanged_to_the_stacker()
    {
        var linearOnly = new SentimentClassifier(SmallModels.Linear());
        var ensemble = new SentimentClassifier(SmallModels.WithEnsemble());

        foreach (var text in Texts)
            Assert.Equal(linearOnly.Logit(text), ensemble.Inputs(text).Inputs.Linear, 12);
    }

    [Fact]
    public void Should_combine_the_logits_with_the_weights_of_the_text_language()
    {
        var classifier = new SentimentClassifier(SmallModels.WithEnsemble());
        var stacker = SmallModels.Stacker();

        var (chinese, chineseIsEnglish) = classifier.Inputs(Texts[0]);
        var (english, englishIsEnglish) = classifier.Inputs(Texts[1]);

        Assert.False(chineseIsEnglish);
        Assert.True(englishIsEnglish);
        Assert.Equal(0.2 + 0.8 * chinese.Linear + 0.5 * chinese.Embedding, classifier.Logit(Texts[0]), 9);
        Assert.Equal(-0.1 + 1.2 * english.Linear + 0.3 * english.Embedding, classifier.Logit(Texts[1]), 9);
        Assert.Equal(stacker.Combine(english, english: true), classifier.Logit(Texts[1]), 12);
    }

    [Fact]
    public void Should_score_predictions_from_the_stacked_logit()
    {
        var classifier = new SentimentClassifier(SmallModels.WithEnsemble());

        foreach (var text in Texts)
        {
            var logit = classifier.Logit(text);
            var prediction = classifier.Predict(text);
            Assert.Equal(2 / (1 + Math.Exp(-logit)) - 1, prediction.Score, 9);
            var expected = logit <= -0.5 ? "negative" : logit >= 0.75 ? "positive" : "neutral";
            Assert.Equal(expected, prediction.Label);
        }
    }

    [Fact]
    public void Should_negate_every_logit_when_the_model_is_negated()
    {
        var model = SmallModels.WithEnsemble();
        var original = new SentimentClassifier(model);
        var negated = new SentimentClassifier(model.Negated("negated-1"));

        Assert.Equal("negated-1", negated.Version);
        foreach (var text in Texts)
            Assert.Equal(-original.Logit(text), negated.Logit(text), 6);
    }

    [Fact]
    public void Should_score_a_long_text_the_same_from_many_threads()
    {
        var classifier = new SentimentClassifier(SmallModels.WithEnsemble());
        var text = string.Concat(Enumerable.Repeat("小米SU7的设计很漂亮，但是交付太慢了。Delivery was slow but the car is great. ", 60));
        var expected = classifier.Logit(text);

        var results = new double[32];
        Parallel.For(0, results.Length, i => results[i] = classifier.Logit(text));

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
