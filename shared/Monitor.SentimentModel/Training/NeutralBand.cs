using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// Chooses the logit band that reads as neutral: the (below, above) pair, from the dev texts' own
/// logits, that gives the best three-class macro-F1 on a labelled dev set (ties: the narrower band).
/// </summary>
public static class NeutralBand
{
    public static (float Below, float Above) Calibrate(IReadOnlyList<(double Logit, SentimentLabel Gold)> dev)
    {
        if (dev.Count == 0) throw new ArgumentException("Calibrating the neutral band needs labelled dev rows.", nameof(dev));
        var candidates = dev.Select(d => d.Logit).Append(0).Distinct().Order().ToArray();
        // thresholds halfway between neighbouring logits
        var cuts = new List<double> { candidates[0] - 1e-3 };
        for (var i = 1; i < candidates.Length; i++) cuts.Add((candidates[i - 1] + candidates[i]) / 2);
        cuts.Add(candidates[^1] + 1e-3);

        var best = (Below: 0.0, Above: 0.0, F1: -1.0);
        foreach (var below in cuts.Where(c => c <= 0))
        foreach (var above in cuts.Where(c => c >= 0))
        {
            var matrix = new ConfusionMatrix([SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative]);
            foreach (var (logit, gold) in dev) matrix.Add(gold, Decide(logit, below, above));
            var f1 = matrix.MacroF1;
            if (f1 > best.F1 + 1e-12 || (Math.Abs(f1 - best.F1) <= 1e-12 && above - below < best.Above - best.Below))
                best = (below, above, f1);
        }
        return ((float)best.Below, (float)best.Above);
    }

    public static SentimentLabel Decide(double logit, double below, double above) =>
        logit <= below ? SentimentLabel.Negative : logit >= above ? SentimentLabel.Positive : SentimentLabel.Neutral;
}
