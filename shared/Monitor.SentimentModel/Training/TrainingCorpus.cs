using Monitor.SentimentModel.Data;

namespace Monitor.SentimentModel.Training;

/// <summary>A labelled text with the evaluation set it belongs to and its split.</summary>
public sealed record CorpusRow(string Set, SentimentLabel Label, string Text, Split Split);

/// <summary>
/// Loads every labelled *.csv / *.tsv under the data directory (one folder per set; the folder names
/// the set). Files listed in <see cref="EvaluationOnlyFiles"/> are never trained on: their rows split
/// half dev, half test by the same text hash, and training rows with the same normalised text are dropped.
/// </summary>
public sealed class TrainingCorpus
{
    /// <summary>
    /// SST-2's train file holds sub-sentence phrases while its dev file holds whole sentences, which is
    /// what the model will meet; so the dev sentences are kept whole as an evaluation set.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> EvaluationOnlyFiles = new Dictionary<string, string>
    {
        ["SST-2/dev.tsv"] = "SST-2 sentences",
    };

    public required IReadOnlyList<CorpusRow> Rows { get; init; }
    public required IReadOnlyList<string> Files { get; init; }
    public int DroppedAsEvaluationDuplicates { get; init; }

    public static TrainingCorpus Load(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory))
            throw new DirectoryNotFoundException($"No data directory at '{dataDirectory}'.");
        var files = Directory.EnumerateFiles(dataDirectory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new InvalidDataException($"No *.csv or *.tsv files under '{dataDirectory}'.");

        var rows = new List<CorpusRow>();
        var evaluationKeys = new HashSet<ulong>();
        var trainable = new List<(string Set, LabelledText Row)>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(dataDirectory, file).Replace('\\', '/');
            var set = relative.Contains('/') ? relative[..relative.IndexOf('/')] : Path.GetFileNameWithoutExtension(relative);
            var labelled = LabelledFile.Read(file);
            if (EvaluationOnlyFiles.TryGetValue(relative, out var evaluationSet))
            {
                foreach (var row in labelled)
                {
                    rows.Add(new CorpusRow(evaluationSet, row.Label, row.Text, DataSplit.OfEvaluationOnly(row.Text)));
                    evaluationKeys.Add(DataSplit.KeyHash(row.Text));
                }
            }
            else
            {
                trainable.AddRange(labelled.Select(r => (set, r)));
            }
        }

        var dropped = 0;
        foreach (var (set, row) in trainable)
        {
            if (evaluationKeys.Contains(DataSplit.KeyHash(row.Text))) { dropped++; continue; }
            rows.Add(new CorpusRow(set, row.Label, row.Text, DataSplit.Of(row.Text)));
        }
        return new TrainingCorpus { Rows = rows, Files = files, DroppedAsEvaluationDuplicates = dropped };
    }
}
