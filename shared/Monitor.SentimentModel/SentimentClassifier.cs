using System.Buffers;
using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Domains;
using Monitor.SentimentModel.Ensemble;
using Monitor.SentimentModel.Features;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel;

/// <summary>
/// Scores Chinese and English text as positive, neutral or negative: a linear model over hashed
/// n-gram features and, when the model has an ensemble, an embedding bag over the same features and a
/// stacker that combines the two logits; when the model has domains, the domain classifier decides
/// which domain copies of the weights join the shared ones. Immutable and thread-safe: share one instance.
/// </summary>
public sealed class SentimentClassifier
{
    public const string ModelPathVariable = "MONITOR_SENTIMENT_MODEL";
    public const string DefaultModelFileName = "sentiment.bin";
    private const int StackLimit = 2048;

    private readonly ModelWeights _model;
    private readonly int[]? _paired;

    public SentimentClassifier(ModelWeights model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _paired = model.Subjectivity?.Interleave(model.Weights, model.HashBits);
    }

    public string Version => _model.Version;

    internal ModelWeights Weights => _model;

    public static SentimentClassifier Load(string path) => new(ModelFile.Load(path));

    /// <summary>
    /// The committed model: the file named by MONITOR_SENTIMENT_MODEL when set, otherwise
    /// models/sentiment.bin next to this assembly.
    /// </summary>
    public static SentimentClassifier LoadDefault() => Load(DefaultModelPath());

    public static string DefaultModelPath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ModelPathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        var nextToAssembly = Path.Combine(AppContext.BaseDirectory, "models", DefaultModelFileName);
        if (File.Exists(nextToAssembly)) return nextToAssembly;
        throw new FileNotFoundException(
            $"No sentiment model at '{nextToAssembly}' and {ModelPathVariable} is not set.", nextToAssembly);
    }

    public SentimentPrediction Predict(string text, int topPhrases = 5)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(topPhrases);

        var sink = new ScoringSink(_model, explain: topPhrases > 0 && _model.Domains is null, _paired);
        var english = Scan(text, ref sink);
        Span<double> factors = stackalloc double[DomainAdaptation.MaxDomains];
        var logit = Combine(ref sink, english, factors);
        var subjectivity = sink.SubjectivityLogit(_model);
        if (topPhrases > 0 && _model.Domains is not null)
        {
            // the phrases' weights depend on the domain, known only after the first pass
            sink = new ScoringSink(_model, explain: true, _paired, factors);
            Scan(text, ref sink);
        }
        var (label, score, confidence) = _model.Subjectivity is null ? BandDecision(logit) : ThreeClassDecision(logit, subjectivity);
        var phrases = topPhrases == 0
            ? []
            : PhraseExplainer.Explain(text, ref sink.Top, _model.Scale, _model.Scale / ModelWeights.LengthDivisor(sink.Count, _model.LengthPower), topPhrases);
        return new SentimentPrediction(label, score, confidence, _model.Version, phrases);
    }

    /// <summary>
    /// The three class probabilities of a text; null for a model without subjectivity weights
    /// (format 4 and older: its neutral is a band on the logit, not a probability).
    /// </summary>
    public ClassProbabilities? Probabilities(ReadOnlySpan<char> text)
    {
        if (_model.Subjectivity is null) return null;
        var (polarity, subjectivity) = Logits(text);
        return ClassProbabilities.Of(polarity, subjectivity);
    }

    /// <summary>The polarity logit (positive vs negative) and the subjectivity logit (judges vs neutral; 0 without subjectivity weights).</summary>
    public (double Polarity, double Subjectivity) Logits(ReadOnlySpan<char> text)
    {
        var sink = new ScoringSink(_model, explain: false, _paired);
        var english = Scan(text, ref sink);
        Span<double> factors = stackalloc double[DomainAdaptation.MaxDomains];
        return (Combine(ref sink, english, factors), sink.SubjectivityLogit(_model));
    }

    /// <summary>A model with subjectivity weights: the most probable class, P(positive) − P(negative) and that class's probability.</summary>
    private static (string Label, double Score, double Confidence) ThreeClassDecision(double polarity, double subjectivity)
    {
        var probabilities = ClassProbabilities.Of(polarity, subjectivity);
        var label = probabilities.Label;
        return (label.Name(), probabilities.Score, probabilities[label]);
    }

    /// <summary>Older models: neutral when the logit falls inside the band; score 2·P(positive) − 1.</summary>
    private (string Label, double Score, double Confidence) BandDecision(double logit)
    {
        var positive = 1.0 / (1.0 + Math.Exp(-logit));
        var score = 2 * positive - 1;
        return logit <= _model.NeutralBelow
            ? ("negative", score, 1 - positive)
            : logit >= _model.NeutralAbove
                ? ("positive", score, positive)
                : ("neutral", score, 1 - Math.Abs(score));
    }

    /// <summary>The logit of P(positive); the positive-vs-negative decision is logit ≥ 0.</summary>
    public double Logit(ReadOnlySpan<char> text)
    {
        var sink = new ScoringSink(_model, explain: false, _paired);
        var english = Scan(text, ref sink);
        Span<double> factors = stackalloc double[DomainAdaptation.MaxDomains];
        return Combine(ref sink, english, factors);
    }

    /// <summary>
    /// A model with domains: the logit of the shared weights alone, each domain copy's part and the
    /// domain classifier's probabilities (what choosing the mixing rule and threshold needs).
    /// </summary>
    internal (double Shared, double[] Parts, double[] Probabilities) DomainParts(ReadOnlySpan<char> text)
    {
        var domains = _model.Domains ?? throw new InvalidOperationException($"Model {Version} has no domains.");
        var sink = new ScoringSink(_model, explain: false, _paired);
        Scan(text, ref sink);
        var parts = new double[domains.Count];
        var probabilities = new double[domains.Count];
        sink.Domains(_model, parts, probabilities);
        return (sink.Logit(_model), parts, probabilities);
    }

    /// <summary>What the stacker combines for a text, and whether it counts as English (read only when the model has an ensemble).</summary>
    internal (StackerInputs Inputs, bool English) Inputs(ReadOnlySpan<char> text)
    {
        var sink = new ScoringSink(_model, explain: false, _paired);
        var english = Scan(text, ref sink);
        return (InputsOf(ref sink), english);
    }

    /// <summary>
    /// Normalises the text into a stack buffer (a pooled one for long texts) and runs its features
    /// through the sink, without allocating. Returns whether the text is mostly in Latin letters,
    /// which only the ensemble's stacker needs (so a linear model skips that pass).
    /// </summary>
    private bool Scan(ReadOnlySpan<char> text, ref ScoringSink sink)
    {
        char[]? rented = null;
        var buffer = text.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var normalized = buffer[..text.Length];
            TextNormalizer.Normalize(text, normalized);
            FeatureExtractor.Extract(normalized, _model.MaxCjkGram, ref sink, _model.Features);
            return _model.Ensemble is not null && ScriptMix.IsMostlyLatin(normalized);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>The model's logit; with domains, <paramref name="factors"/> receives how much of each domain copy joined it.</summary>
    private double Combine(ref ScoringSink sink, bool english, Span<double> factors)
    {
        if (_model.Ensemble is { } ensemble) return ensemble.Stacker.Combine(InputsOf(ref sink), english);
        var logit = sink.Logit(_model);
        if (_model.Domains is not { } domains) return logit;
        Span<double> parts = stackalloc double[DomainAdaptation.MaxDomains];
        Span<double> probabilities = stackalloc double[DomainAdaptation.MaxDomains];
        sink.Domains(_model, parts, probabilities);
        domains.Factors(probabilities, factors);
        for (var d = 0; d < domains.Count; d++) logit += factors[d] * parts[d];
        return logit;
    }

    private StackerInputs InputsOf(ref ScoringSink sink) =>
        new(sink.Logit(_model), _model.Ensemble is { } ensemble ? sink.EmbeddingLogit(ensemble.Bag) : 0);
}
