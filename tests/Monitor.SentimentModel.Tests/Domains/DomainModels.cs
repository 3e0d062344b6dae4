using Monitor.SentimentModel.Domains;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Tests.Domains;

/// <summary>Small models with domain copies and a domain classifier of pseudo-random weights, so every weight matters.</summary>
internal static class DomainModels
{
    public static readonly string[] Names = ["hotel", "shopping", "weibo"];

    public static ModelWeights Linear()
    {
        var weights = new short[1 << 12];
        for (var i = 0; i < weights.Length; i++) weights[i] = (short)((i * 7919 % 65535) - 32767);
        return new ModelWeights("domains-1", 12, 3, 0.0001f, 0.25f, -0.5f, 0.75f, weights);
    }

    public static DomainAdaptation Domains(DomainMixing mixing = DomainMixing.Hard, float threshold = 0f, int seed = 1)
    {
        const int bits = 10, classifierBits = 9;
        var copies = new short[(1 << bits) * Names.Length];
        for (var i = 0; i < copies.Length; i++) copies[i] = (short)((i * 104729 * seed % 65535) - 32767);
        var classifier = new short[(1 << classifierBits) * Names.Length];
        for (var i = 0; i < classifier.Length; i++) classifier[i] = (short)((i * 15485863 % 65535) - 32767);
        return new DomainAdaptation(Names, bits, copies, [0.1f, -0.2f, 0.3f], [1f, 0.5f, 1f],
            new DomainClassifierWeights(classifierBits, 0.00002f, classifier, [0.05f, 0f, -0.05f]), mixing, threshold);
    }

    public static ModelWeights WithDomains(DomainMixing mixing = DomainMixing.Hard, float threshold = 0f) =>
        Linear() with { Domains = Domains(mixing, threshold) };
}
