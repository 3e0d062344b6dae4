using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Monitor.SentimentModel.Domains;
using Monitor.SentimentModel.Ensemble;
using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// One pass over a text's features for every part of the model: sums the linear weights, sums the
/// embedding bag's vectors (when the model has one), sums each domain's copy of the weights and the
/// domain classifier's weights (when the model has domains) and, when asked, keeps the strongest linear
/// contributions. A model with domains explains in a second pass, once the domain factors are known:
/// a phrase's weight is then its shared weight plus the domain copies that joined the logit.
/// </summary>
internal struct ScoringSink : IFeatureSink
{
    private readonly short[] _weights;
    private readonly int _mask;
    private readonly bool _explain;
    private readonly sbyte[]? _embeddings;
    private readonly int _shift;
    private readonly short[]? _domainWeights;
    private readonly short[]? _classifierWeights;
    private readonly int _domains;
    private readonly int _domainShift;
    private readonly int _classifierShift;
    // the explaining pass of a model with domains: only the domains that joined the logit, with their factors
    private readonly bool _explainsDomains;
    private readonly int _explainedDomains;
    private readonly DomainRow<int> _explainedDomain;
    private readonly DomainRow<float> _explainFactors;
    private readonly int[]? _paired;

    public long Sum;
    public int Count;
    public long UnscaledSum;
    public TopContributions Top;

    // the three-class part's n-gram and emoticon sums (models of format 5 with subjectivity weights)
    public long SubjectivitySum, SubjectivityUnscaledSum;

    // per domain: its copy's n-gram and emoticon sums, and the domain classifier's
    public DomainRow<long> DomainSum, DomainUnscaledSum, ClassifierSum, ClassifierUnscaledSum;

    // the embedding bag's running sums: 16 numbers as four 4-lane integer vectors, n-grams and emoticons apart
    // (each feature adds at most 127 per lane: a text would need some 16 million features to overflow)
    private Vector128<int> _g0, _g1, _g2, _g3, _e0, _e1, _e2, _e3;

    /// <param name="explainFactors">
    /// With domains and <paramref name="explain"/>: how much of each domain's copy joined the logit
    /// (<see cref="DomainAdaptation.Factors"/>), so phrases are weighed as they scored. Such a pass
    /// only explains: it leaves the domain and classifier sums alone.
    /// </param>
    /// <param name="paired">With subjectivity weights: <see cref="SubjectivityWeights.Interleave"/> of the model's weights (null: the model has none).</param>
    public ScoringSink(ModelWeights model, bool explain, int[]? paired, ReadOnlySpan<double> explainFactors = default)
    {
        _weights = model.Weights;
        _mask = model.Mask;
        _explain = explain;
        _embeddings = model.Ensemble?.Bag.Embeddings;
        _paired = paired;
        _shift = model.Ensemble?.Bag.Shift ?? 0;
        if (model.Domains is { } domains)
        {
            _domainWeights = domains.Weights;
            _classifierWeights = domains.Classifier.Weights;
            _domains = domains.Count;
            _domainShift = domains.Shift;
            _classifierShift = domains.Classifier.Shift;
            _explainsDomains = explain && !explainFactors.IsEmpty;
            for (var d = 0; d < explainFactors.Length && d < _domains; d++)
            {
                if (explainFactors[d] == 0) continue;
                _explainedDomain[_explainedDomains] = d;
                _explainFactors[_explainedDomains++] = (float)explainFactors[d];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint hash, int start, int length)
    {
        int w;
        if (_paired is not null)
        {
            var pair = _paired[hash & _mask];
            w = (short)pair;
            SubjectivitySum += pair >> 16;
        }
        else w = _weights[hash & _mask];
        Sum += w;
        Count++;
        if (_explainsDomains) w += ExplainedDomains(hash);
        else if (_domainWeights is not null) AddDomains(hash, ref DomainSum, ref ClassifierSum);
        if (_embeddings is not null)
        {
            var (a, b, c, d) = Vector((int)(hash >> _shift));
            _g0 += a; _g1 += b; _g2 += c; _g3 += d;
        }
        if (_explain && (w < 0 ? -w : w) > Top.Floor) Top.Offer(hash, w, start, length, unscaled: false);
    }

    public void AddUnscaled(uint hash, int start, int length)
    {
        int w;
        if (_paired is not null)
        {
            var pair = _paired[hash & _mask];
            w = (short)pair;
            SubjectivityUnscaledSum += pair >> 16;
        }
        else w = _weights[hash & _mask];
        UnscaledSum += w;
        if (_explainsDomains) w += ExplainedDomains(hash);
        else if (_domainWeights is not null) AddDomains(hash, ref DomainUnscaledSum, ref ClassifierUnscaledSum);
        if (_embeddings is not null)
        {
            var (a, b, c, d) = Vector((int)(hash >> _shift));
            _e0 += a; _e1 += b; _e2 += c; _e3 += d;
        }
        if (_explain && w != 0) Top.Offer(hash, w, start, length, unscaled: true);
    }

    /// <summary>Adds the feature's domain copies and classifier weights to the sums (each domain's weights sit side by side in one bucket).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void AddDomains(uint hash, ref DomainRow<long> domainSum, ref DomainRow<long> classifierSum)
    {
        var domainWeights = _domainWeights.AsSpan(DomainBuckets.Table(hash, _domainShift) * _domains, _domains);
        var classifierWeights = _classifierWeights.AsSpan(DomainBuckets.Classifier(hash, _classifierShift) * _domains, _domains);
        for (var d = 0; d < domainWeights.Length; d++)
        {
            domainSum[d] += domainWeights[d];
            classifierSum[d] += classifierWeights[d];
        }
    }

    /// <summary>What the domain copies that joined the logit add to a feature's weight, in stored units.</summary>
    private readonly int ExplainedDomains(uint hash)
    {
        if (_explainedDomains == 0) return 0;
        var bucket = DomainBuckets.Table(hash, _domainShift) * _domains;
        var extra = 0f;
        for (var k = 0; k < _explainedDomains; k++) extra += _explainFactors[k] * _domainWeights![bucket + _explainedDomain[k]];
        return (int)MathF.Round(extra);
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

    /// <summary>The linear logit: bias + scale · (Σ n-gram weights / n-gram count^power + Σ emoticon weights).</summary>
    public readonly double Logit(ModelWeights model) =>
        model.Bias + model.Scale * (Sum / ModelWeights.LengthDivisor(Count, model.LengthPower) + UnscaledSum);

    /// <summary>The subjectivity logit (judges vs neutral), scaled like the linear logit; 0 for a model without subjectivity weights.</summary>
    public readonly double SubjectivityLogit(ModelWeights model) => model.Subjectivity is not { } s
        ? 0
        : s.Bias + s.Scale * (SubjectivitySum / ModelWeights.LengthDivisor(Count, model.LengthPower) + SubjectivityUnscaledSum);

    public readonly double EmbeddingLogit(EmbeddingBag bag)
    {
        Span<int> grams = stackalloc int[EmbeddingBag.Dimensions];
        Span<int> emoticons = stackalloc int[EmbeddingBag.Dimensions];
        _g0.CopyTo(grams); _g1.CopyTo(grams[4..]); _g2.CopyTo(grams[8..]); _g3.CopyTo(grams[12..]);
        _e0.CopyTo(emoticons); _e1.CopyTo(emoticons[4..]); _e2.CopyTo(emoticons[8..]); _e3.CopyTo(emoticons[12..]);
        return bag.Logit(grams, Count, emoticons);
    }

    /// <summary>The domain parts of a text: each domain copy's contribution to the logit and the classifier's probabilities.</summary>
    public readonly void Domains(ModelWeights model, Span<double> parts, Span<double> probabilities)
    {
        var domains = model.Domains!;
        var divisor = ModelWeights.LengthDivisor(Count, model.LengthPower);
        var classifier = domains.Classifier;
        var max = double.NegativeInfinity;
        for (var d = 0; d < domains.Count; d++)
        {
            parts[d] = domains.Biases[d] + model.Scale * (DomainSum[d] / divisor + DomainUnscaledSum[d]);
            probabilities[d] = classifier.Biases[d] + classifier.Scale * (ClassifierSum[d] / divisor + ClassifierUnscaledSum[d]);
            max = Math.Max(max, probabilities[d]);
        }
        var total = 0.0;
        for (var d = 0; d < domains.Count; d++) total += probabilities[d] = Math.Exp(probabilities[d] - max);
        for (var d = 0; d < domains.Count; d++) probabilities[d] /= total;
    }
}

/// <summary>One number per domain, inline (no allocation while scoring).</summary>
[InlineArray(DomainAdaptation.MaxDomains)]
internal struct DomainRow<T>
{
    private T _first;
}
