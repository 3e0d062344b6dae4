using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Monitor.SentimentModel.Ensemble;
using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// One pass over a text's features for every part of the model: sums the linear weights, sums the
/// embedding bag's vectors (when the model has one) and, when asked, keeps the strongest linear contributions.
/// </summary>
internal struct ScoringSink : IFeatureSink
{
    private readonly short[] _weights;
    private readonly int _mask;
    private readonly bool _explain;
    private readonly sbyte[]? _embeddings;
    private readonly int _shift;

    public long Sum;
    public int Count;
    public long UnscaledSum;
    public TopContributions Top;

    // the embedding bag's running sums: 16 numbers as four 4-lane integer vectors, n-grams and emoticons apart
    // (each feature adds at most 127 per lane: a text would need some 16 million features to overflow)
    private Vector128<int> _g0, _g1, _g2, _g3, _e0, _e1, _e2, _e3;

    public ScoringSink(ModelWeights model, bool explain)
    {
        _weights = model.Weights;
        _mask = model.Mask;
        _explain = explain;
        _embeddings = model.Ensemble?.Bag.Embeddings;
        _shift = model.Ensemble?.Bag.Shift ?? 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint hash, int start, int length)
    {
        int w = _weights[hash & _mask];
        Sum += w;
        Count++;
        if (_embeddings is not null)
        {
            var (a, b, c, d) = Vector((int)(hash >> _shift));
            _g0 += a; _g1 += b; _g2 += c; _g3 += d;
        }
        if (_explain && (w < 0 ? -w : w) > Top.Floor) Top.Offer(hash, w, start, length, unscaled: false);
    }

    public void AddUnscaled(uint hash, int start, int length)
    {
        int w = _weights[hash & _mask];
        UnscaledSum += w;
        if (_embeddings is not null)
        {
            var (a, b, c, d) = Vector((int)(hash >> _shift));
            _e0 += a; _e1 += b; _e2 += c; _e3 += d;
        }
        if (_explain && w != 0) Top.Offer(hash, w, start, length, unscaled: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly (Vector128<int>, Vector128<int>, Vector128<int>, Vector128<int>) Vector(int bucket)
    {
        var bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_embeddings!), (nuint)(bucket * EmbeddingBag.Dimensions));
        var (low, high) = Vector128.Widen(bytes);
        var (a, b) = Vector128.Widen(low);
        var (c, d) = Vector128.Widen(high);
        return (a, b, c, d);
    }

    /// <summary>The linear logit: bias + scale · (Σ n-gram weights / sqrt(n-gram count) + Σ emoticon weights).</summary>
    public readonly double Logit(ModelWeights model) =>
        model.Bias + model.Scale * (Sum / Math.Sqrt(Math.Max(Count, 1)) + UnscaledSum);

    public readonly double EmbeddingLogit(EmbeddingBag bag)
    {
        Span<int> grams = stackalloc int[EmbeddingBag.Dimensions];
        Span<int> emoticons = stackalloc int[EmbeddingBag.Dimensions];
        _g0.CopyTo(grams); _g1.CopyTo(grams[4..]); _g2.CopyTo(grams[8..]); _g3.CopyTo(grams[12..]);
        _e0.CopyTo(emoticons); _e1.CopyTo(emoticons[4..]); _e2.CopyTo(emoticons[8..]); _e3.CopyTo(emoticons[12..]);
        return bag.Logit(grams, Count, emoticons);
    }
}
