using System.Buffers;
using Monitor.SentimentModel.Features;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel;

/// <summary>
/// Scores Chinese and English text as positive, neutral or negative with a linear model over hashed
/// n-gram features. Immutable and thread-safe: share one instance.
/// </summary>
public sealed class SentimentClassifier
{
    public const string ModelPathVariable = "MONITOR_SENTIMENT_MODEL";
    public const string DefaultModelFileName = "sentiment.bin";
    private const int StackLimit = 2048;

    private readonly ModelWeights _model;

    public SentimentClassifier(ModelWeights model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
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

        var sink = new ScoringSink(_model.Weights, _model.Mask, explain: topPhrases > 0);
        Scan(text, ref sink);
        var logit = sink.Logit(_model);
        var positive = 1.0 / (1.0 + Math.Exp(-logit));
        var score = 2 * positive - 1;
        var (label, confidence) = logit <= _model.NeutralBelow
            ? ("negative", 1 - positive)
            : logit >= _model.NeutralAbove
                ? ("positive", positive)
                : ("neutral", 1 - Math.Abs(score));
        var phrases = topPhrases == 0
            ? []
            : PhraseExplainer.Explain(text, ref sink.Top, _model.Scale, _model.Scale / Math.Sqrt(Math.Max(sink.Count, 1)), topPhrases);
        return new SentimentPrediction(label, score, confidence, _model.Version, phrases);
    }

    /// <summary>The raw logit of P(positive); the positive-vs-negative decision is logit ≥ 0.</summary>
    public double Logit(ReadOnlySpan<char> text)
    {
        var sink = new ScoringSink(_model.Weights, _model.Mask, explain: false);
        Scan(text, ref sink);
        return sink.Logit(_model);
    }

    private void Scan(ReadOnlySpan<char> text, ref ScoringSink sink)
    {
        // normalise into a stack buffer (a pooled one for long texts): no allocation per call
        char[]? rented = null;
        var buffer = text.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var normalized = buffer[..text.Length];
            TextNormalizer.Normalize(text, normalized);
            FeatureExtractor.Extract(normalized, _model.MaxCjkGram, ref sink);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }
}
