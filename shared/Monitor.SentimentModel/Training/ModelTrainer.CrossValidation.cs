using Monitor.SentimentModel.Data;

namespace Monitor.SentimentModel.Training;

/// <summary>One set's cross-validated accuracy: every row scored by the model that did not train on it.</summary>
/// <param name="Rows">Rows scored; an evaluation-only set's dev rows are scored once per fold model and counted each time.</param>
public sealed record CrossValidatedSet(string Set, int Rows, double Accuracy);

public sealed partial class ModelTrainer
{
    /// <summary>
    /// K-fold cross-validation of the linear model over the train and dev rows (the test split stays
    /// untouched): folds by the text hash, so copies of a text share a fold; each fold is scored by the
    /// quantised model trained on the others (and the lexicons). Comparing settings this way rests on
    /// every review of a set rather than on its dev rows alone, and one shuffle seed decides less.
    /// </summary>
    public IReadOnlyList<CrossValidatedSet> CrossValidate(string dataDirectory, int folds, string? lexiconDirectory = null)
    {
        if (folds is < 2 or > 20) throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation takes 2 to 20 folds.");
        if (options.Embedding is not null || options.Domains is not null)
            throw new ArgumentException("Cross-validation measures the linear model alone; leave out the ensemble and the domains.");
        var corpus = TrainingCorpus.Load(dataDirectory);
        var evaluationOnly = TrainingCorpus.EvaluationOnlyFiles.Values.ToHashSet(StringComparer.Ordinal);
        var pool = corpus.Rows.Where(r => r.Split is Split.Train or Split.Dev && r.Label != SentimentLabel.Neutral).ToList();
        var lexicon = lexiconDirectory is not null && options.LexiconWeight > 0 ? LexiconRows.Load(lexiconDirectory) : [];
        // the split took the hash modulo 100; dividing first keeps the folds independent of the split
        int FoldOf(CorpusRow row) => (int)(DataSplit.KeyHash(row.Text) / 100 % (ulong)folds);

        var correct = new Dictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
        for (var fold = 0; fold < folds; fold++)
        {
            // as in training, Subsample thins the training rows only; every held-out row is still scored
            var train = pool.Where(r => !evaluationOnly.Contains(r.Set) && FoldOf(r) != fold)
                .Where((_, i) => i % options.Subsample == 0).Concat(lexicon).ToList();
            var (hashes, targets, weights) = TrainingRows(train);
            var fitted = FitLinear(hashes.Select(h => SparseVector.Linear(h, options.HashBits, (float)options.LengthPower)).ToArray(),
                1 << options.HashBits, targets, weights, System.Diagnostics.Stopwatch.StartNew(), stage: $"fold {fold + 1}/{folds}: ");
            var classifier = new SentimentClassifier(Quantise(fitted.Weights, fitted.Bias, 0));
            foreach (var row in pool.Where(r => evaluationOnly.Contains(r.Set) || FoldOf(r) == fold))
            {
                var (right, total) = correct.GetValueOrDefault(row.Set);
                var isRight = classifier.Logit(row.Text) >= 0 == (row.Label == SentimentLabel.Positive);
                correct[row.Set] = (right + (isRight ? 1 : 0), total + 1);
            }
        }
        return correct.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CrossValidatedSet(c.Key, c.Value.Total, c.Value.Right / (double)c.Value.Total)).ToList();
    }
}
