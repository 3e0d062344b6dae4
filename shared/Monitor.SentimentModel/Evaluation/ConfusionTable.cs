using System.Text;
using Monitor.SentimentModel.Data;

namespace Monitor.SentimentModel.Evaluation;

public static class ConfusionTable
{
    public static string Markdown(ConfusionMatrix matrix)
    {
        var s = new StringBuilder();
        s.Append("| gold \\ predicted |");
        foreach (var c in matrix.Classes) s.Append(' ').Append(c.Name()).Append(" |");
        s.AppendLine();
        s.Append("| --- |");
        foreach (var _ in matrix.Classes) s.Append(" ---: |");
        s.AppendLine();
        foreach (var gold in matrix.Classes)
        {
            s.Append("| ").Append(gold.Name()).Append(" |");
            foreach (var predicted in matrix.Classes) s.Append(' ').Append(matrix[gold, predicted]).Append(" |");
            s.AppendLine();
        }
        return s.ToString();
    }
}
