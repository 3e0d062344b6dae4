using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Ensemble;

namespace Monitor.SentimentModel.Training;

/// <summary>Dev accuracy of the linear model, the embedding bag and their stacked logit (cross-fitted) on one set.</summary>
public sealed record DevAblation(string Set, int Rows, double Linear, double Bag, double Stacked);

/// <summary>
/// Fits the stacker on the dev split, per language, each set weighing about the same in total so
/// SST-2's many short dev phrases do not drown its 427 dev sentences. Also measures the stacked
/// logit by two-fold cross-fitting (fit on one half of dev, score the other), so the dev figures
/// used to choose settings never come from a stacker that saw the same rows.
/// </summary>
internal static class EnsembleFitter
{
    /// <summary>No row weighs more than this many average rows, so a set of a few dozen rows cannot steer the stacker.</summary>
    public const double MaxRowWeight = 4;

    private sealed record DevRow(string Set, string Text, bool Positive, StackerInputs Inputs, bool English, int Fold, double Weight);

    public static (Stacker Stacker, IReadOnlyList<DevAblation> Ablation, Func<string, string, double> CrossFittedLogit) Fit(
        SentimentClassifier parts, IReadOnlyList<CorpusRow> dev)
    {
        var polar = dev.Where(r => r.Label != SentimentLabel.Neutral).ToList();
        var scored = new (StackerInputs Inputs, bool English)[polar.Count];
        Parallel.For(0, polar.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => scored[i] = parts.Inputs(polar[i].Text));
        var rows = Balance(polar.Select((r, i) => new DevRow(r.Set, r.Text, r.Label == SentimentLabel.Positive, scored[i].Inputs,
            scored[i].English, (int)((DataSplit.KeyHash(r.Text) >> 7) & 1), 1.0)).ToList());

        var crossFitted = CrossFit(rows);
        var ablation = rows.Select((r, i) => (Row: r, Stacked: crossFitted[i])).GroupBy(t => t.Row.Set).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DevAblation(g.Key, g.Count(),
                Accuracy(g, t => t.Row.Inputs.Linear),
                Accuracy(g, t => t.Row.Inputs.Embedding),
                Accuracy(g, t => t.Stacked)))
            .ToList();

        var byText = new Dictionary<(string, string), double>();
        for (var i = 0; i < rows.Count; i++) byText[(rows[i].Set, rows[i].Text)] = crossFitted[i];
        return (FitLanguages(rows), ablation, (set, text) => byText[(set, text)]);
    }

    private static double Accuracy(IEnumerable<(DevRow Row, double Stacked)> rows, Func<(DevRow Row, double Stacked), double> logit)
    {
        var list = rows.ToList();
        return list.Count(t => logit(t) >= 0 == t.Row.Positive) / (double)list.Count;
    }

    /// <summary>Each set weighs the same in total, capped at <see cref="MaxRowWeight"/> per row; an average row weighs 1.</summary>
    private static List<DevRow> Balance(List<DevRow> rows)
    {
        var perSet = rows.GroupBy(r => r.Set).ToDictionary(g => g.Key, g => g.Count());
        var mean = rows.Count / (double)perSet.Count;
        return rows.Select(r => r with { Weight = Math.Min(MaxRowWeight, mean / perSet[r.Set]) }).ToList();
    }

    private static Stacker FitLanguages(IReadOnlyList<DevRow> rows) =>
        new(StackerFit.Fit(rows.Where(r => !r.English).Select(r => (r.Inputs, r.Positive, r.Weight)).ToList()),
            StackerFit.Fit(rows.Where(r => r.English).Select(r => (r.Inputs, r.Positive, r.Weight)).ToList()));

    private static double[] CrossFit(IReadOnlyList<DevRow> rows)
    {
        var logits = new double[rows.Count];
        for (var fold = 0; fold < 2; fold++)
        {
            var stacker = FitLanguages(rows.Where(r => r.Fold != fold).ToList());
            for (var i = 0; i < rows.Count; i++)
                if (rows[i].Fold == fold) logits[i] = stacker.Combine(rows[i].Inputs, rows[i].English);
        }
        return logits;
    }
}
