using System.CommandLine;
using System.Globalization;
using Monitor.SentimentModel;
using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;
using Spectre.Console;

namespace Monitor.Cli.Sentiment;

/// <summary>./monitor sentiment evaluate FILE [--model path]: accuracy, macro-F1 and the confusion matrix.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Labelled TSV (label<TAB>text) or CSV (label,text), header optional; labels 0/1, pos/neg or positive/negative/neutral." };
        var model = new Option<FileInfo>("--model") { Description = "Model file (default: the committed model, or MONITOR_SENTIMENT_MODEL)." };
        var command = new Command("evaluate", "Score the model on a labelled file.") { file, model };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var rows = LabelledFile.Read(parse.GetValue(file)!.FullName);
            var classifier = parse.GetValue(model) is { } m ? SentimentClassifier.Load(m.FullName) : SentimentClassifier.LoadDefault();
            var matrix = Evaluator.Evaluate(classifier, rows);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine($"model: {classifier.Version}");
            Console.WriteLine($"rows: {matrix.Total} ({(matrix.Classes.Count == 2 ? "positive vs negative" : "three classes")})");
            Console.WriteLine($"accuracy: {matrix.Accuracy.ToString("F4", c)}");
            Console.WriteLine($"macro_f1: {matrix.MacroF1.ToString("F4", c)}");
            var table = new Table().Title("confusion (rows: gold, columns: predicted)").AddColumn("gold \\ predicted");
            foreach (var p in matrix.Classes) table.AddColumn(new TableColumn(p.Name()).RightAligned());
            foreach (var g in matrix.Classes)
                table.AddRow([g.Name(), .. matrix.Classes.Select(p => matrix[g, p].ToString(c))]);
            AnsiConsole.Write(table);
        }));
        return command;
    }
}
