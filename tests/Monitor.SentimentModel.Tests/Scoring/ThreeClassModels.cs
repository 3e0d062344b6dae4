using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Tests.Scoring;

/// <summary>Small models with subjectivity weights for the three-class tests.</summary>
internal static class ThreeClassModels
{
    /// <summary>The model with 2^10 subjectivity weights that vary by bucket, and the given bias.</summary>
    public static ModelWeights WithSubjectivity(ModelWeights model, float subjectivityBias = 0f)
    {
        var weights = new short[1 << 10];
        for (var i = 0; i < weights.Length; i++) weights[i] = (short)((i * 4099 % 20001) - 10000);
        return model with { Subjectivity = new SubjectivityWeights(10, 0.0002f, subjectivityBias, weights) };
    }

    /// <summary>A model whose every bucket weighs 0 in both parts: the biases alone decide.</summary>
    public static ModelWeights BiasesOnly(float polarityBias, float subjectivityBias) =>
        new ModelWeights("biases-1", 10, 3, 0.001f, polarityBias, 0f, 0f, new short[1 << 10])
        {
            Subjectivity = new SubjectivityWeights(10, 0.001f, subjectivityBias, new short[1 << 10]),
        };
}
