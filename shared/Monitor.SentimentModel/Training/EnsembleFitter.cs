using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Ensemble;

namespace Monitor.SentimentModel.Training;

/// <summary>Dev accuracy of each part and each combination of the ensemble on one set (the stacked ones cross-fitted).</summary>
public sealed record DevAblation(string Set, int Rows, double Linear, double Bag, double LinearContrast, double LinearBag, double All);

/// <summary>
/// Fits the stacker on the dev split: per language, each set weighing about the same in total, so SST-2's
/// many short dev phrases do not drown its 427 dev sentences. Also measures every combination by
/// two-fold cross-fitting (fit on one half of dev, score the other), so the dev figures used to choose
/// settings are never scored by a stacker that saw the same rows.
/// </summary>
internal static class EnsembleFitter
{
    private sealed record DevRow(string Set, bool Positive, StackerInputs Inputs, bool English, int Fold, double Weight);

    public static (Stacker Stacker, IReadOnlyList<DevAblation> Ablation, Func<string, string, double> CrossFittedLogit) Fit(
        SentimentClassifier parts, IReadOnlyList<CorpusRow> dev)
    {
        var polar = dev.Where(r => r.Label != SentimentLabel.Neutral).ToList();
        var scored = new (StackerInputs Inputs, bool English)[polar.Count];
        Parallel.For(0, polar.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => scored[i] = parts.Inputs(polar[i].Text));
        var rows = polar.Select((r, i) => new DevRow(r.Set, r.Label == SentimentLabel.Positive, scored[i].Inputs, scored[i].English,
            (int)(DataSplit.KeyHash(r.Text) >> 7 & 1), 1.0)).ToList();
        rows = Balance(rows);

        var all = FitLanguages(rows, x => x);
        var variants = new (string Name, Func<StackerInputs, StackerInputs> Mask)[]
        {
            ("linear+contrast", x => x with { Embedding = 0 }),
            ("linear+bag", x => x with { HasContrast = false, Tail = 0 }),
            ("all", x => x),
        };
        var crossFitted = variants.ToDictionary(v => v.Name, v => CrossFit(rows, v.Mask));
        var ablation = rows.Select((r, i) => (r, i)).GroupBy(t => t.r.Set).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DevAblation(g.Key, g.Count(),
                Accuracy(g, (r, _) => r.Inputs.Linear),
                Accuracy(g, (r, _) => r.Inputs.Embedding),
                Accuracy(g, (_, i) => crossFitted["linear+contrast"][i]),
                Accuracy(g, (_, i) => crossFitted["linear+bag"][i]),
                Accuracy(g, (_, i) => crossFitted["all"][i])))
            .ToList();

        var byText = new Dictionary<(string, string), double>();
        for (var i = 0; i < polar.Count; i++) byText[(polar[i].Set, polar[i].Text)] = crossFitted["all"][i];
        return (all, ablation, (set, text) => byText[(set, text)]);
    }

    private static double Accuracy(IEnumerable<(DevRow Row, int Index)> rows, Func<DevRow, int, double> logit)
    {
        var list = rows.ToList();
        return list.Count(t => logit(t.Row, t.Index) >= 0 == t.Row.Positive) / (double)list.Count;
    }

    /// <summary>
    /// Each set weighs the same in total (whatever the language of its rows), but no row weighs more
    /// than <see cref="MaxRowWeight"/> times an average row, so a set of a few dozen rows cannot steer the stacker.
    /// </summary>
    private static List<DevRow> Balance(List<DevRow> rows)
    {
        var perSet = rows.GroupBy(r => r.Set).ToDictionary(g => g.Key, g => g.Count());
        var mean = rows.Count / (double)perSet.Count;
        return rows.Select(r => r with { Weight = Math.Min(MaxRowWeight, mean / perSet[r.Set]) }).ToList();
    }

    public const double MaxRowWeight = 4;

    private static Stacker FitLanguages(IReadOnlyList<DevRow> rows, Func<StackerInputs, StackerInputs> mask) =>
        new(StackerFit.Fit(rows.Where(r => !r.English).Select(r => (mask(r.Inputs), r.Positive, r.Weight)).ToList()),
            StackerFit.Fit(rows.Where(r => r.English).Select(r => (mask(r.Inputs), r.Positive, r.Weight)).ToList()));

    private static double[] CrossFit(IReadOnlyList<DevRow> rows, Func<StackerInputs, StackerInputs> mask)
    {
        var logits = new double[rows.Count];
        for (var fold = 0; fold < 2; fold++)
        {
            var stacker = FitLanguages(rows.Where(r => r.Fold != fold).ToList(), mask);
            for (var i = 0; i < rows.Count; i++)
                if (rows[i].Fold == fold) logits[i] = stacker.Combine(mask(rows[i].Inputs), rows[i].English);
        }
        return logits;
    }
}
