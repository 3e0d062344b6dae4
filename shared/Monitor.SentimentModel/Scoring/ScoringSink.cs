using System.Runtime.CompilerServices;
using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Scoring;

/// <summary>Sums the weights of every feature occurrence and, when asked, keeps the strongest ones.</summary>
internal struct ScoringSink(short[] weights, int mask, bool explain) : IFeatureSink
{
    public long Sum;
    public int Count;
    public TopContributions Top;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint hash, int start, int length)
    {
        int w = weights[hash & mask];
        Sum += w;
        Count++;
        if (explain && (w < 0 ? -w : w) > Top.Floor) Top.Offer(hash, w, start, length);
    }
}
