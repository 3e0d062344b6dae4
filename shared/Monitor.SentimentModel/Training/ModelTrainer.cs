using System.Diagnostics;
using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// Trains the sentiment model end to end: load and split the corpus, extract features, fit the
/// logistic regression, quantise to 16 bits, calibrate the neutral band on the SU7 dev set and
/// measure every held-out set with the quantised model exactly as it will ship.
/// </summary>
public sealed class ModelTrainer(TrainingOptions options, Action<string>? log = null)
{
    public (ModelWeights Model, TrainingReport Report) Train(string dataDirectory, string? su7Dev, string? su7Test, string? lexiconDirectory = null)
    {
        var clock = Stopwatch.StartNew();
        var corpus = TrainingCorpus.Load(dataDirectory);
        log?.Invoke($"read {corpus.Rows.Count:N0} rows from {corpus.Files.Count} files; {corpus.DroppedAsEvaluationDuplicates} training rows dropped as copies of evaluation-only texts");

        var train = corpus.Rows.Where(r => r.Split == Split.Train && r.Label != SentimentLabel.Neutral)
            .Where((_, i) => i % options.Subsample == 0).ToList();
        var lexiconRows = 0;
        if (lexiconDirectory is not null && options.LexiconWeight > 0)
        {
            var lexicon = LexiconRows.Load(lexiconDirectory);
            lexiconRows = lexicon.Count;
            train.AddRange(lexicon);
            log?.Invoke($"{lexicon.Count:N0} lexicon words added as training rows from {lexiconDirectory}");
        }
        var mask = (1 << options.HashBits) - 1;
        var vectors = new SparseVector[train.Count];
        Parallel.For(0, train.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            () => (Scaled: new List<int>(4096), Unscaled: new List<int>(16)),
            (i, _, scratch) => { vectors[i] = SparseVector.Of(train[i].Text, options.MaxCjkGram, mask, scratch.Scaled, scratch.Unscaled); return scratch; },
            _ => { });
        var targets = train.Select(r => r.Label == SentimentLabel.Positive ? 1f : 0f).ToArray();
        var weights = train.Select(r => (float)(r.Set.StartsWith("lexicon:", StringComparison.Ordinal)
            ? options.LexiconWeight
            : options.SetWeights.GetValueOrDefault(r.Set, 1.0))).ToArray();
        log?.Invoke($"features for {train.Count:N0} training rows in {clock.Elapsed.TotalSeconds:F1}s");

        var ratios = options.NaiveBayesScaling ? NaiveBayesRatios.Of(vectors, targets, 1 << options.HashBits, options.NaiveBayesAlpha) : null;
        var trainingVectors = ratios is null ? vectors : vectors.Select(v => v.ScaledBy(ratios)).ToArray();
        var regression = new LogisticRegression(1 << options.HashBits, options);
        regression.Train(trainingVectors, targets, weights, epoch => log?.Invoke($"epoch {epoch}/{options.Epochs} done at {clock.Elapsed.TotalSeconds:F1}s"));
        if (ratios is not null)
            for (var j = 0; j < ratios.Length; j++) regression.Weights[j] *= ratios[j];

        var model = Quantise(regression, 0, 0);
        var classifier = new SentimentClassifier(model);

        ConfusionMatrix? devMatrix = null, testMatrix = null;
        var band = (Below: 0f, Above: 0f);
        if (su7Dev is not null && File.Exists(su7Dev))
        {
            var dev = LabelledFile.Read(su7Dev);
            band = NeutralBand.Calibrate(dev.Select(r => (classifier.Logit(r.Text), r.Label)).ToList());
            model = model with { NeutralBelow = band.Below, NeutralAbove = band.Above };
            classifier = new SentimentClassifier(model);
            devMatrix = Evaluator.Evaluate(classifier, dev);
        }
        if (su7Test is not null && File.Exists(su7Test))
            testMatrix = Evaluator.Evaluate(classifier, LabelledFile.Read(su7Test));

        var sets = corpus.Rows.GroupBy(r => r.Set).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(classifier, g.Key, g.ToList())).ToList();
        var report = new TrainingReport(
            options.Version,
            train.Count - lexiconRows,
            lexiconRows,
            corpus.Rows.Count(r => r.Split == Split.Dev),
            corpus.Rows.Count(r => r.Split == Split.Test),
            corpus.DroppedAsEvaluationDuplicates,
            sets,
            band,
            devMatrix,
            testMatrix,
            clock.Elapsed,
            (1L << options.HashBits) * sizeof(short));
        return (model, report);
    }

    private static SetFigures Figures(SentimentClassifier classifier, string set, List<CorpusRow> rows)
    {
        static ConfusionMatrix? Score(SentimentClassifier c, List<CorpusRow> part) =>
            part.Count == 0 ? null : Evaluator.Evaluate(c, part.Select(r => new LabelledText(r.Label, r.Text, "", 0)).ToList());
        var dev = Score(classifier, rows.Where(r => r.Split == Split.Dev).ToList());
        var test = Score(classifier, rows.Where(r => r.Split == Split.Test).ToList());
        return new SetFigures(set,
            rows.Count(r => r.Split == Split.Train), dev?.Total ?? 0, test?.Total ?? 0,
            dev?.Accuracy ?? double.NaN, test?.Accuracy ?? double.NaN, test?.MacroF1 ?? double.NaN);
    }

    private ModelWeights Quantise(LogisticRegression regression, float below, float above)
    {
        var max = regression.Weights.Max(MathF.Abs);
        var scale = max == 0 ? 1f : max / short.MaxValue;
        var quantised = new short[regression.Weights.Length];
        for (var i = 0; i < quantised.Length; i++)
            quantised[i] = (short)Math.Clamp(MathF.Round(regression.Weights[i] / scale), -short.MaxValue, short.MaxValue);
        return new ModelWeights(options.Version, options.HashBits, options.MaxCjkGram, scale, regression.Bias, below, above, quantised);
    }
}
