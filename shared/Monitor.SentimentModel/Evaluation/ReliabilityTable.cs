using System.Globalization;
using System.Text;
using Monitor.SentimentModel.Data;

namespace Monitor.SentimentModel.Evaluation;

/// <summary>The reliability bins of each class as text: a Markdown table for the model card, one line per class for evaluate.</summary>
public static class ReliabilityTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Markdown(IReadOnlyDictionary<SentimentLabel, IReadOnlyList<ReliabilityBin>> reliability)
    {
        var s = new StringBuilder();
        s.Append("| class |");
        for (var b = 0; b < Calibration.Bins; b++) s.Append(C, $" {Range(b / (double)Calibration.Bins)} |");
        s.AppendLine();
        s.Append("| --- |");
        for (var b = 0; b < Calibration.Bins; b++) s.Append(" ---: |");
        s.AppendLine();
        foreach (var (label, bins) in reliability)
        {
            s.Append("| ").Append(label.Name()).Append(" |");
            for (var b = 0; b < Calibration.Bins; b++)
            {
                var bin = bins.FirstOrDefault(x => (int)Math.Round(x.From * Calibration.Bins) == b);
                s.Append(' ').Append(bin is null ? "–" : Cell(bin)).Append(" |");
            }
            s.AppendLine();
        }
        return s.ToString();
    }

    /// <summary>"positive: calibration error 0.0409; 0.0–0.1: 0.03 → 0.02 (812), ..." (non-empty bins only).</summary>
    public static string Line(SentimentLabel label, IReadOnlyList<ReliabilityBin> bins) =>
        $"{label.Name()} reliability: calibration error {Calibration.ClassError(bins).ToString("F4", C)}; " +
        string.Join(", ", bins.Select(b => $"{Range(b.From)}: {Cell(b)}"));

    private static string Range(double from) => string.Create(C, $"{from:0.0}–{from + 1.0 / Calibration.Bins:0.0}");

    private static string Cell(ReliabilityBin bin) => string.Create(C, $"{bin.MeanProbability:F2} → {bin.Observed:F2} ({bin.Rows})");
}
