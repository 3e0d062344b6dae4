using System.Globalization;
using System.Text;
using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// Writes a training run's figures into MODEL_CARD.md between the figures markers, leaving the
/// hand-written rest of the card alone (a missing card gets a minimal one).
/// </summary>
public static class ModelCard
{
    public const string Start = "<!-- figures:start (written by ./monitor sentiment train) -->";
    public const string End = "<!-- figures:end -->";

    public static void UpdateFigures(string path, TrainingReport report, TrainingOptions options)
    {
        var figures = Render(report, options);
        var card = File.Exists(path) ? File.ReadAllText(path) : $"# Sentiment model card\n\n{Start}\n{End}\n";
        var from = card.IndexOf(Start, StringComparison.Ordinal);
        var to = card.IndexOf(End, StringComparison.Ordinal);
        if (from < 0 || to < from)
            throw new InvalidDataException($"{path} has no '{Start}' ... '{End}' section to update.");
        File.WriteAllText(path, card[..(from + Start.Length)] + "\n" + figures + card[to..]);
    }

    public static string Render(TrainingReport report, TrainingOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"- version: `{report.Version}`");
        s.AppendLine(c, $"- training rows: {report.TrainRows:N0} texts + {report.LexiconRows:N0} lexicon words (weight {options.LexiconWeight}); dev rows: {report.DevRows:N0}; test rows: {report.TestRows:N0}; training rows dropped as copies of evaluation-only texts: {report.DroppedAsEvaluationDuplicates}");
        s.AppendLine(c, $"- hash buckets: 2^{options.HashBits} (16-bit weights, {report.ModelBytes / 1024:N0} KiB before the file's Deflate compression); CJK grams 1..{options.MaxCjkGram}; optional features: {(options.Features == Features.FeatureSet.None ? "none" : options.Features.ToString())}; n-gram values count / occurrences^{options.LengthPower}; epochs {options.Epochs}; learning rate {options.LearningRate}; L2 {options.L2}; {(options.FeatureDropout > 0 ? $"feature dropout {options.FeatureDropout}; " : "")}seed {options.Seed}");
        s.AppendLine(c, $"- set weights: {string.Join(", ", options.SetWeights.Select(kv => $"{kv.Key} ×{kv.Value}"))}");
        s.AppendLine(c, $"- staff corrections: {(report.CorrectionRows == 0 ? "none (trained without --corrections, or none stored)" : $"{report.CorrectionRows:N0} training rows (the latest correction of each item, texts deduplicated), weight ×{options.SetWeights.GetValueOrDefault(ModelTrainer.CorrectionsSet, 1.0)}")}");
        if (options.PhraseLengthPower != 0)
            s.AppendLine(c, $"- phrase sets ({string.Join(", ", options.PhraseSets.Order(StringComparer.Ordinal))}): a row weighs (min(words, 20) / 8)^{options.PhraseLengthPower}");
        s.AppendLine(c, $"- ensemble: {(options.Embedding is null ? "none (the linear model alone)" : "embedding bag + stacker")}");
        if (options.Embedding is { } e)
            s.AppendLine(c, $"- embedding bag: 2^{e.HashBits} vectors × 16 (8-bit), {e.Hidden} tanh hidden units, {e.Epochs} epochs, SGD step {e.LearningRate} falling to 0, initial range ±{e.InitialRange}; stacker fitted on dev (L2 {StackerFit.L2}), dev accuracy cross-fitted");
        if (options.Domains is { } domains && report.Domains is { } chosen)
        {
            s.AppendLine(c, $"- domains: {string.Join(", ", domains.SetDomains.GroupBy(kv => kv.Value).Select(g => $"{g.Key} ({string.Join(" + ", g.Select(kv => kv.Key))})"))}; lexicon rows shared only{(domains.SharedOnly.Count == 0 ? "" : $"; copies not trained (shared weights only): {string.Join(", ", domains.SharedOnly.Order(StringComparer.Ordinal))}")}{(domains.CopyValue == 1 ? "" : $"; copies trained at feature value ×{domains.CopyValue}")}");
            s.AppendLine(c, $"- domain table: 2^{domains.HashBits} buckets × {domains.SetDomains.Values.Distinct().Count()} domains (16-bit); domain classifier: 2^{domains.ClassifierBits} buckets, {domains.ClassifierEpochs} epochs, learning rate {domains.ClassifierLearningRate}");
            s.AppendLine(c, $"- domain classifier dev accuracy: {string.Join(", ", chosen.ClassifierDevAccuracy.Select(kv => $"{kv.Key} {Format(kv.Value)}"))}");
            s.AppendLine(c, $"- domain copies join the shared weights: {chosen.Chosen.Describe()} (chosen on dev: best mean accuracy over the sets of ≥ {chosen.ChoiceMinimumRows} dev rows among the rules that keep SU7 dev's three-class accuracy)");
        }
        s.AppendLine(report.SubjectivityOffset is { } offset
            ? string.Create(c, $"- three classes: polarity part (positive vs negative) and subjectivity part (judges vs neutral), 2^{options.SubjectivityHashBits} buckets, {(options.NaiveBayesScaling && options.SubjectivityNaiveBayesScaling ? "NB-LR" : "plain logistic regression")}; subjectivity trained on the three-class sets{(options.SubjectivityTwoClassWeight > 0 ? $" and the two-class sets' rows as judging texts (×{options.SubjectivityTwoClassWeight})" : "")}; its bias moved by {offset:F2} for the best mean three-class dev accuracy over those sets and SU7 dev")
            : string.Create(c, $"- neutral band (logit): {report.NeutralBand.Below:F3} < logit < {report.NeutralBand.Above:F3}"));
        s.AppendLine();
        s.AppendLine("| set | train | dev | test | dev accuracy | test accuracy | test macro-F1 | test calibration error |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var f in report.Sets)
            s.AppendLine(c, $"| {f.Set} | {f.Train:N0} | {f.Dev:N0} | {f.Test:N0} | {Format(f.DevAccuracy)} | {Format(f.TestAccuracy)} | {Format(f.TestMacroF1)} | {Format(f.TestCalibrationError)} |");
        if (report.Su7Dev is { } dev)
            s.AppendLine(c, $"| SU7 authored dev (3 classes, calibrates {(report.SubjectivityOffset is null ? "the neutral band" : "the subjectivity bias")}) | – | {dev.Total} | – | {Format(dev.Accuracy)} | – | – | – |");
        if (report.Su7Test is { } test)
            s.AppendLine(c, $"| SU7 authored test (3 classes) | – | – | {test.Total} | – | {Format(test.Accuracy)} | {Format(test.MacroF1)} | {Format(report.Su7TestCalibrationError ?? double.NaN)} |");
        if (report.Ablation is { Count: > 0 } ablation)
        {
            s.AppendLine();
            s.AppendLine("Dev accuracy by part (the stacked column cross-fitted on two halves of dev):");
            s.AppendLine();
            s.AppendLine("| set | dev rows | linear | embedding bag | stacked (shipped) |");
            s.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var a in ablation)
                s.AppendLine(c, $"| {a.Set} | {a.Rows:N0} | {Format(a.Linear)} | {Format(a.Bag)} | {Format(a.Stacked)} |");
        }
        if (report.Domains is { } tried)
        {
            var sets = tried.Trials[0].DevAccuracy.Keys.ToList();
            s.AppendLine();
            s.AppendLine("Dev accuracy by way of mixing the domain copies in:");
            s.AppendLine();
            s.AppendLine(c, $"| rule | {string.Join(" | ", sets)} | mean (sets of ≥ {tried.ChoiceMinimumRows} rows) |");
            s.AppendLine(c, $"| --- |{string.Concat(sets.Select(_ => " ---: |"))} ---: |");
            foreach (var t in tried.Trials)
            {
                var name = t == tried.Chosen || (t.Mixing == tried.Chosen.Mixing && t.Threshold == tried.Chosen.Threshold) ? $"**{t.Describe()}**" : t.Describe();
                s.AppendLine(c, $"| {name} | {string.Join(" | ", sets.Select(k => Format(t.DevAccuracy[k])))} | {Format(t.Mean)} |");
            }
        }
        var matrices = report.Sets.Where(f => f.TestMatrix is not null)
            .Select(f => (Name: f.Set, Matrix: f.TestMatrix!, Calibration: f.TestClassCalibration, Reliability: f.TestReliability)).ToList();
        if (report.Su7Test is { } su7) matrices.Add(("SU7 authored", su7, report.Su7TestClassCalibration, report.Su7TestReliability));
        foreach (var (name, matrix, calibration, reliability) in matrices)
        {
            s.AppendLine();
            s.AppendLine(c, $"{name} test confusion (rows gold, columns predicted; accuracy {Format(matrix.Accuracy)}):");
            s.AppendLine();
            s.Append(ConfusionTable.Markdown(matrix));
            if (calibration is null) continue;
            s.AppendLine();
            s.AppendLine(c, $"Per class: {string.Join("; ", matrix.Classes.Select(l => $"{l.Name()} precision {Format(matrix.Precision(l))}, recall {Format(matrix.Recall(l))}, calibration error {Format(calibration[l])}"))}.");
            if (reliability is null) continue;
            s.AppendLine();
            s.AppendLine(c, $"{name} test reliability (rows binned by P(class); each cell: mean P(class) → share of the class, rows):");
            s.AppendLine();
            s.Append(ReliabilityTable.Markdown(reliability));
        }
        return s.ToString();
    }

    private static string Format(double value) => double.IsNaN(value) ? "–" : value.ToString("F4", CultureInfo.InvariantCulture);
}
