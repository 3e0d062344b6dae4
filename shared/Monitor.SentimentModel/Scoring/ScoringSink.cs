using System.Runtime.CompilerServices;
using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Scoring;

/// <summary>Sums the weights of every feature occurrence and, when asked, keeps the strongest ones.</summary>
internal struct ScoringSink(short[] weights, int mask, bool explain) : IFeatureSink
{
    public long Sum;
    public int Count;
    public long UnscaledSum;
    public TopContributions Top;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint hash, int start, int length)
    {
        int w = weights[hash & mask];
        Sum += w;
        Count++;
        if (explain && (w < 0 ? -w : w) > Top.Floor) Top.Offer(hash, w, start, length, unscaled: false);
    }

    public void AddUnscaled(uint hash, int start, int length)
    {
        int w = weights[hash & mask];
        UnscaledSum += w;
        if (explain && w != 0) Top.Offer(hash, w, start, length, unscaled: true);
    }

    /// <summary>The logit: bias + scale · (Σ n-gram weights / sqrt(n-gram count) + Σ emoticon weights).</summary>
    public readonly double Logit(ModelWeights model) =>
        model.Bias + model.Scale * (Sum / Math.Sqrt(Math.Max(Count, 1)) + UnscaledSum);
}
