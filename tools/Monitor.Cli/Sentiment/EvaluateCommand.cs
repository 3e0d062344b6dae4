using System.CommandLine;
using System.Globalization;
using Monitor.SentimentModel;
using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;
using Spectre.Console;

namespace Monitor.Cli.Sentiment;

/// <summary>./monitor sentiment evaluate FILE [--model path] [--errors N]: accuracy, macro-F1, the calibration error of its confidence, the confusion matrix, for three classes each class's reliability and, when asked, the rows it got wrong.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Labelled TSV (label<TAB>text) or CSV (label,text), header optional; labels 0/1, pos/neg or positive/negative/neutral." };
        var model = new Option<FileInfo>("--model") { Description = "Model file (default: the committed model, or MONITOR_SENTIMENT_MODEL)." };
        var errors = new Option<int>("--errors") { Description = "Also list up to N rows the model got wrong, with the phrases that drove each decision.", DefaultValueFactory = _ => 0 };
        var command = new Command("evaluate", "Score the model on a labelled file.") { file, model, errors };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            if (parse.GetValue(errors) < 0) throw new ArgumentOutOfRangeException("--errors", parse.GetValue(errors), "the number of rows to list cannot be negative.");
            var rows = LabelledFile.Read(parse.GetValue(file)!.FullName);
            var classifier = parse.GetValue(model) is { } m ? SentimentClassifier.Load(m.FullName) : SentimentClassifier.LoadDefault();
            var matrix = Evaluator.Evaluate(classifier, rows);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine($"model: {classifier.Version}");
            Console.WriteLine($"rows: {matrix.Total} ({(matrix.Classes.Count == 2 ? "positive vs negative" : "three classes")})");
            Console.WriteLine($"accuracy: {matrix.Accuracy.ToString("F4", c)}");
            Console.WriteLine($"macro_f1: {matrix.MacroF1.ToString("F4", c)}");
            if (Calibration.Error(classifier, rows) is { } calibration)
                Console.WriteLine($"calibration_error: {calibration.ToString("F4", c)}");
            if (matrix.Classes.Count == 3)
                foreach (var label in matrix.Classes)
                    Console.WriteLine($"{label.Name()}: precision {matrix.Precision(label).ToString("F4", c)}, recall {matrix.Recall(label).ToString("F4", c)}");
            var table = new Table().Title("confusion (rows: gold, columns: predicted)").AddColumn("gold \\ predicted");
            foreach (var p in matrix.Classes) table.AddColumn(new TableColumn(p.Name()).RightAligned());
            foreach (var g in matrix.Classes)
                table.AddRow([g.Name(), .. matrix.Classes.Select(p => matrix[g, p].ToString(c))]);
            AnsiConsole.Write(table);
            if (matrix.Classes.Count == 3 && Calibration.Reliability(classifier, rows) is { } reliability)
                foreach (var (label, bins) in reliability)
                    Console.WriteLine(ReliabilityTable.Line(label, bins));
            if (parse.GetValue(errors) is > 0 and var limit)
                PrintMistakes(Evaluator.Mistakes(classifier, rows, limit), matrix);
        }));
        return command;
    }

    private static void PrintMistakes(IReadOnlyList<Mistake> mistakes, ConfusionMatrix matrix)
    {
        var c = CultureInfo.InvariantCulture;
        var wrong = matrix.Total - matrix.Classes.Sum(l => matrix[l, l]);
        Console.WriteLine($"errors: {mistakes.Count} of {wrong} shown, in file order");
        foreach (var m in mistakes)
        {
            var text = m.Row.Text.ReplaceLineEndings(" ");
            Console.WriteLine($"line {m.Row.Line}: gold {m.Row.Label.Name()}, predicted {m.Predicted.Name()} (logit {m.Logit.ToString("F2", c)})");
            Console.WriteLine($"  {(text.Length > 160 ? text[..160] + "…" : text)}");
            if (m.Prediction.TopPhrases.Count > 0)
                Console.WriteLine("  phrases: " + string.Join(", ", m.Prediction.TopPhrases.Select(p => $"{p.Phrase} ({p.Weight.ToString("+0.00;-0.00", c)})")));
        }
    }
}
