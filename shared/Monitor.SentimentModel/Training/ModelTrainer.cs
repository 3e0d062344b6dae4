using System.Diagnostics;
using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Domains;
using Monitor.SentimentModel.Ensemble;
using Monitor.SentimentModel.Evaluation;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// Trains the sentiment model end to end: load and split the corpus, extract features, fit the
/// logistic regression, quantise to 16 bits, (when asked) train the embedding bag and fit the
/// stacker on dev, or augment the features with domain copies, train the domain classifier and
/// choose how the copies mix in on dev, fit the subjectivity part on the three-class sets and move its bias on dev
/// (or, without three-class sets, calibrate the neutral band on the SU7 dev set) and measure every held-out set
/// with the quantised model exactly as it will ship.
/// </summary>
public sealed partial class ModelTrainer(TrainingOptions options, Action<string>? log = null)
{
    /// <param name="su7Train">Authored SU7 sentences trained on as a set of their own (null or a missing file: none).</param>
    /// <param name="corrections">Labels staff corrected, one row per item, trained on as the set <see cref="CorrectionsSet"/>.</param>
    public (ModelWeights Model, TrainingReport Report) Train(string dataDirectory, string? su7Dev, string? su7Test, string? lexiconDirectory = null,
        string? su7Train = null, IReadOnlyList<LabelledText>? corrections = null)
    {
        if (options.Embedding is not null && options.Domains is not null)
            throw new ArgumentException("Domain adaptation and the embedding-bag ensemble cannot be trained together; choose one.");
        var clock = Stopwatch.StartNew();
        var corpus = WithCorrections(WithAuthored(TrainingCorpus.Load(dataDirectory), su7Train), corrections);
        log?.Invoke($"read {corpus.Rows.Count:N0} rows from {corpus.Files.Count} files; {corpus.DroppedAsEvaluationDuplicates} training rows dropped as copies of evaluation-only texts");
        var threeClassSets = ThreeClassSets(corpus.Rows);
        if (options.ThreeClass && threeClassSets.Count > 0 && options.SubjectivityHashBits > options.HashBits)
            throw new ArgumentException($"The subjectivity part takes at most as many hash bits as the polarity part ({options.HashBits}), not {options.SubjectivityHashBits}.");
        if (options.Domains is { } wanted && !corpus.Rows.Any(r => r.Split == Split.Train && wanted.SetDomains.ContainsKey(r.Set)))
        {
            log?.Invoke($"no training set belongs to a domain ({string.Join(", ", wanted.SetDomains.Keys)}): training one weight space without domains");
            options = options with { Domains = null };
        }

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
        var (hashes, targets, weights) = TrainingRows(train);
        var domainNames = options.Domains is { } domainOptions ? TrainingDomains.Names(domainOptions.SetDomains) : [];
        var domainOf = train.Select(r => options.Domains is { } o && o.SetDomains.TryGetValue(r.Set, out var name)
            ? Array.IndexOf(domainNames, name) : -1).ToArray();
        var copyOf = domainOf.Select(d => d >= 0 && options.Domains!.SharedOnly.Contains(domainNames[d]) ? -1 : d).ToArray();
        log?.Invoke($"features for {train.Count:N0} training rows in {clock.Elapsed.TotalSeconds:F1}s");

        var fitted = options.Domains switch
        {
            null => FitLinear(hashes.Select(h => SparseVector.Linear(h, options.HashBits, (float)options.LengthPower)).ToArray(), 1 << options.HashBits, targets, weights, clock),
            { Residual: true } residual => FitResidual(hashes, targets, weights, copyOf, domainNames.Length, residual, clock),
            { } joint => FitLinear(hashes.Select((h, i) => SparseVector.Augmented(h, options.HashBits, (float)options.LengthPower, copyOf[i], domainNames.Length,
                    joint.HashBits, (float)joint.CopyValue)).ToArray(), (1 << options.HashBits) + ((1 << joint.HashBits) + 1) * domainNames.Length, targets, weights, clock,
                1 + domainNames.Length, PartOf(options.HashBits, joint.HashBits, domainNames.Length)),
        };

        var model = Quantise(fitted.Weights, fitted.Bias, domainNames.Length);
        var classifier = new SentimentClassifier(model);

        DomainReport? domainReport = null;
        if (options.Domains is { } domainSettings)
        {
            var su7Rows = su7Dev is not null && File.Exists(su7Dev) ? LabelledFile.Read(su7Dev) : [];
            (model, domainReport) = TrainDomainClassifier(model, domainSettings, hashes, domainOf, corpus, su7Rows, clock);
            classifier = new SentimentClassifier(model);
        }

        IReadOnlyList<DevAblation>? ablation = null;
        Func<string, string, double>? crossFittedDevLogit = null;
        if (options.Embedding is { } embedding)
        {
            (model, ablation, crossFittedDevLogit) = TrainEnsemble(model, embedding, hashes, targets, weights, corpus, clock);
            classifier = new SentimentClassifier(model);
        }

        ConfusionMatrix? devMatrix = null, testMatrix = null;
        double? su7Calibration = null;
        IReadOnlyDictionary<SentimentLabel, double>? su7ClassCalibration = null;
        IReadOnlyDictionary<SentimentLabel, IReadOnlyList<ReliabilityBin>>? su7Reliability = null;
        var band = (Below: 0f, Above: 0f);
        float? subjectivityOffset = null;
        var su7DevRows = su7Dev is not null && File.Exists(su7Dev) ? LabelledFile.Read(su7Dev) : [];
        if (options.ThreeClass && threeClassSets.Count > 0)
        {
            var subjectivity = FitSubjectivity(corpus, threeClassSets, clock);
            classifier = new SentimentClassifier(model with { Subjectivity = subjectivity });
            var dev = corpus.Rows.Where(r => r.Split == Split.Dev && threeClassSets.Contains(r.Set))
                .Select(r => (r.Set, new LabelledText(r.Label, r.Text, "", 0)))
                .Concat(su7DevRows.Select(r => ("SU7 dev", r))).ToList();
            subjectivityOffset = CalibrateSubjectivityOffset(classifier, dev, log);
            model = model with { Subjectivity = subjectivity with { Bias = subjectivity.Bias + subjectivityOffset.Value } };
            classifier = new SentimentClassifier(model);
            log?.Invoke($"subjectivity bias moved by {subjectivityOffset:F2} on dev at {clock.Elapsed.TotalSeconds:F1}s");
        }
        else if (su7DevRows.Count > 0)
        {
            band = NeutralBand.Calibrate(su7DevRows.Select(r => (classifier.Logit(r.Text), r.Label)).ToList());
            model = model with { NeutralBelow = band.Below, NeutralAbove = band.Above };
            classifier = new SentimentClassifier(model);
        }
        if (su7DevRows.Count > 0) devMatrix = Evaluator.Evaluate(classifier, su7DevRows);
        if (su7Test is not null && File.Exists(su7Test))
        {
            var test = LabelledFile.Read(su7Test);
            testMatrix = Evaluator.Evaluate(classifier, test);
            su7Calibration = Calibration.Error(classifier, test);
            su7ClassCalibration = Calibration.ClassErrors(classifier, test);
            su7Reliability = Calibration.Reliability(classifier, test);
        }

        var sets = corpus.Rows.GroupBy(r => r.Set).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures(classifier, g.Key, g.ToList(), crossFittedDevLogit, threeClassSets.Contains(g.Key))).ToList();
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
            (1L << options.HashBits) * sizeof(short) + (options.Embedding is { } e ? (1L << e.HashBits) * EmbeddingBag.Dimensions : 0)
                + (model.Domains is { } m ? ((long)m.Weights.Length + m.Classifier.Weights.Length) * sizeof(short) : 0)
                + (model.Subjectivity is { } subjective ? (long)subjective.Weights.Length * sizeof(short) : 0))
        {
            Ablation = ablation,
            Domains = domainReport,
            Su7TestCalibrationError = su7Calibration,
            Su7TestClassCalibration = su7ClassCalibration,
            Su7TestReliability = su7Reliability,
            SubjectivityOffset = subjectivityOffset,
            CorrectionRows = corrections?.Count ?? 0,
        };
        return (model, report);
    }

    private (ModelWeights Model, IReadOnlyList<DevAblation> Ablation, Func<string, string, double> CrossFittedDevLogit) TrainEnsemble(
        ModelWeights linear, EmbeddingOptions embedding, FeatureHashes[] hashes, float[] targets, float[] weights, TrainingCorpus corpus, Stopwatch clock)
    {
        var bagVectors = hashes.Select(h => SparseVector.Embedding(h, embedding.HashBits)).ToArray();
        var bag = new EmbeddingBagTrainer(embedding, options.Seed).Train(bagVectors, targets, weights,
            (epoch, loss) => log?.Invoke($"embedding bag epoch {epoch}/{embedding.Epochs}: mean loss {loss:F4} at {clock.Elapsed.TotalSeconds:F1}s"));
        var parts = new SentimentClassifier(linear with { Ensemble = new EnsembleWeights(bag, Stacker.LinearOnly) });
        var fit = EnsembleFitter.Fit(parts, corpus.Rows.Where(r => r.Split == Split.Dev).ToList());
        foreach (var a in fit.Ablation)
            log?.Invoke($"dev {a.Set} ({a.Rows}): linear {a.Linear:F4}, bag {a.Bag:F4}, stacked {a.Stacked:F4}");
        log?.Invoke($"stacker zh [{string.Join(", ", fit.Stacker.Chinese.Select(w => w.ToString("F3")))}] en [{string.Join(", ", fit.Stacker.English.Select(w => w.ToString("F3")))}]");
        return (linear with { Ensemble = new EnsembleWeights(bag, fit.Stacker) }, fit.Ablation, fit.CrossFittedLogit);
    }

    /// <summary>
    /// One logistic regression over the given vectors, NB-scaled per part (see <see cref="NaiveBayesRatios"/>);
    /// returns the weights on the unscaled features.
    /// </summary>
    private (float[] Weights, float Bias) FitLinear(SparseVector[] vectors, int dimensions, float[] targets, float[] weights, Stopwatch clock,
        int parts = 1, Func<int, int>? partOf = null, float[]? offsets = null, string stage = "", bool? naiveBayesScaling = null)
    {
        var ratios = naiveBayesScaling ?? options.NaiveBayesScaling ? NaiveBayesRatios.Of(vectors, targets, dimensions, options.NaiveBayesAlpha, parts, partOf) : null;
        var trainingVectors = ratios is null ? vectors : vectors.Select(v => v.ScaledBy(ratios)).ToArray();
        var regression = new LogisticRegression(dimensions, options);
        regression.Train(trainingVectors, targets, weights, epoch => log?.Invoke($"{stage}epoch {epoch}/{options.Epochs} done at {clock.Elapsed.TotalSeconds:F1}s"),
            offsets, learnBias: offsets is null);
        if (ratios is not null)
            FoldNaiveBayes(regression.Weights, ratios, options.NaiveBayesInterpolation);
        return (regression.Weights, regression.Bias);
    }

    /// <summary>Each training row's feature hashes, its target (1 = positive) and its weight (set, phrase length, lexicon).</summary>
    private (FeatureHashes[] Hashes, float[] Targets, float[] Weights) TrainingRows(IReadOnlyList<CorpusRow> train)
    {
        var hashes = Hashes(train);
        var targets = train.Select(r => r.Label == SentimentLabel.Positive ? 1f : 0f).ToArray();
        var weights = train.Select(r => (float)(r.Set.StartsWith(LexiconRows.SetPrefix, StringComparison.Ordinal)
            ? options.LexiconWeight
            : options.SetWeights.GetValueOrDefault(r.Set, 1.0) * PhraseLengthWeight(r))).ToArray();
        return (hashes, targets, weights);
    }

    /// <summary>
    /// A phrase set's row weighs (its word count, at most 20, over 8)^power: whole sentences are what
    /// the model meets, while most SST-2 phrases are a few words long.
    /// </summary>
    private double PhraseLengthWeight(CorpusRow row)
    {
        if (options.PhraseLengthPower == 0 || !options.PhraseSets.Contains(row.Set)) return 1;
        var words = row.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return Math.Pow(Math.Min(words, 20) / 8.0, options.PhraseLengthPower);
    }

    /// <summary>
    /// Held-out figures of one set: a two-class set's dev accuracy is the positive-vs-negative decision on
    /// its dev rows, a three-class set's the three-class decision. With an ensemble, dev accuracy is the
    /// cross-fitted one: the stacker was fitted on dev, so each dev row is scored by the stacker fitted on the other half.
    /// </summary>
    private static SetFigures Figures(SentimentClassifier classifier, string set, List<CorpusRow> rows, Func<string, string, double>? crossFittedDevLogit, bool threeClass)
    {
        static List<LabelledText> Texts(IEnumerable<CorpusRow> part) => part.Select(r => new LabelledText(r.Label, r.Text, "", 0)).ToList();
        var devRows = rows.Where(r => r.Split == Split.Dev && (threeClass || r.Label != SentimentLabel.Neutral)).ToList();
        var devAccuracy = devRows.Count == 0
            ? double.NaN
            : crossFittedDevLogit is null || threeClass
                ? Evaluator.Evaluate(classifier, Texts(devRows)).Accuracy
                : devRows.Count(r => crossFittedDevLogit(set, r.Text) >= 0 == (r.Label == SentimentLabel.Positive)) / (double)devRows.Count;
        var testRows = Texts(rows.Where(r => r.Split == Split.Test));
        var test = testRows.Count == 0 ? null : Evaluator.Evaluate(classifier, testRows);
        return new SetFigures(set,
            rows.Count(r => r.Split == Split.Train), devRows.Count, test?.Total ?? 0,
            devAccuracy, test?.Accuracy ?? double.NaN, test?.MacroF1 ?? double.NaN,
            Calibration.Error(classifier, testRows) ?? double.NaN)
        {
            TestMatrix = test is { Classes.Count: 3 } ? test : null,
            TestClassCalibration = test is { Classes.Count: 3 } ? Calibration.ClassErrors(classifier, testRows) : null,
            TestReliability = test is { Classes.Count: 3 } ? Calibration.Reliability(classifier, testRows) : null,
        };
    }

    /// <summary>
    /// Turns weights learned on x∘r into weights on x: w_j ← ((1-β)·mean|w| + β·w_j)·r_j, the mean taken
    /// over the buckets that training touched (untouched buckets have r = 0 and stay 0).
    /// </summary>
    internal static void FoldNaiveBayes(float[] weights, float[] ratios, double beta)
    {
        double sum = 0;
        var touched = 0;
        for (var j = 0; j < weights.Length; j++)
            if (weights[j] != 0) { sum += Math.Abs(weights[j]); touched++; }
        var mean = touched == 0 ? 0 : (float)(sum / touched);
        var b = (float)beta;
        for (var j = 0; j < weights.Length; j++)
            weights[j] = weights[j] == 0 ? 0 : ((1 - b) * mean + b * weights[j]) * ratios[j];
    }

    /// <summary>
    /// 16-bit weights with one scale for the shared table and the domain table (when there are
    /// <paramref name="domains"/>); the domain biases stay floats. The domain classifier comes later.
    /// </summary>
    private ModelWeights Quantise(float[] fitted, float bias, int domains)
    {
        var shared = 1 << options.HashBits;
        var tableLength = options.Domains is { } d ? (1 << d.HashBits) * domains : 0;
        var all = fitted.AsSpan(0, shared + tableLength);
        // a copy was trained on value × CopyValue; stored weights take plain feature values
        if (options.Domains is { CopyValue: not 1.0 } scaled)
            foreach (ref var w in all[shared..]) w *= (float)scaled.CopyValue;
        var max = 0f;
        foreach (var w in all) max = Math.Max(max, MathF.Abs(w));
        var scale = max == 0 ? 1f : max / short.MaxValue;
        var quantised = new short[all.Length];
        for (var i = 0; i < quantised.Length; i++)
            quantised[i] = (short)Math.Clamp(MathF.Round(all[i] / scale), -short.MaxValue, short.MaxValue);
        var model = new ModelWeights(options.Version, options.HashBits, options.MaxCjkGram, scale, bias, 0, 0, quantised[..shared])
        {
            Features = options.Features,
            LengthPower = (float)options.LengthPower,
        };
        if (options.Domains is not { } settings) return model;
        var names = TrainingDomains.Names(settings.SetDomains);
        var untrained = new DomainClassifierWeights(settings.ClassifierBits, 1f, new short[(1 << settings.ClassifierBits) * domains], new float[domains]);
        return model with
        {
            Domains = new DomainAdaptation(names, settings.HashBits, quantised[shared..], fitted.AsSpan(shared + tableLength, domains).ToArray(),
                Enumerable.Repeat(1f, domains).ToArray(), untrained, DomainMixing.Hard, 0),
        };
    }
}
