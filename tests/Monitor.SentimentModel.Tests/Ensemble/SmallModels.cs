using Monitor.SentimentModel.Ensemble;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Tests.Ensemble;

/// <summary>Small models with pseudo-random parameters, so every weight and vector matters to the result.</summary>
internal static class SmallModels
{
    public static ModelWeights Linear()
    {
        var weights = new short[1 << 12];
        for (var i = 0; i < weights.Length; i++) weights[i] = (short)((i * 7919 % 65535) - 32767);
        return new ModelWeights("small-1", 12, 3, 0.0001f, 0.25f, -0.5f, 0.75f, weights);
    }

    public static EmbeddingBag Bag()
    {
        const int bits = 8, hidden = 3;
        var vectors = new sbyte[(1 << bits) * EmbeddingBag.Dimensions];
        for (var i = 0; i < vectors.Length; i++) vectors[i] = (sbyte)((i * 37 % 255) - 127);
        var hiddenWeights = Enumerable.Range(0, hidden * EmbeddingBag.Dimensions).Select(i => (i % 7 - 3) * 0.1f).ToArray();
        return new EmbeddingBag(bits, 0.01f, vectors, hidden, hiddenWeights, [0.1f, -0.2f, 0.05f], [1.5f, -0.7f, 0.9f], -0.3f);
    }

    public static Stacker Stacker() => new([0.2, 0.8, 0.5], [-0.1, 1.2, 0.3]);

    public static ModelWeights WithEnsemble() => Linear() with { Ensemble = new EnsembleWeights(Bag(), Stacker()) };
}
