using System.Text.Json;
using Monitor.SentimentModel.Data;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// Turns sentiment lexicons into extra training rows (one word, one row), so words rare in the
/// review sets still get a weight. The lexicons are read at training time only: what ships is the
/// learned weights, never the lexicon rows. Missing lexicons are skipped.
/// Reads: Bing Liu opinion lexicon, VADER (|valence| ≥ 1), HowNet sentiment and evaluation words,
/// Tsinghua (Li Jun) sentiment dictionary.
/// </summary>
public static class LexiconRows
{
    /// <summary>The set name of every lexicon row starts with this.</summary>
    public const string SetPrefix = "lexicon:";

    public static IReadOnlyList<CorpusRow> Load(string lexiconDirectory)
    {
        var rows = new List<CorpusRow>();
        if (!Directory.Exists(lexiconDirectory)) return rows;

        void AddWords(string set, IEnumerable<string> words, SentimentLabel label)
        {
            foreach (var word in words)
            {
                var w = word.Trim();
                if (w.Length == 0 || w.StartsWith(';')) continue;
                rows.Add(new CorpusRow(set, label, w, Split.Train));
            }
        }

        string Path(params string[] parts) => System.IO.Path.Combine([lexiconDirectory, .. parts]);
        IEnumerable<string> Lines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

        AddWords(SetPrefix + "bing-liu", Lines(Path("bing-liu-opinion-lexicon", "positive-words.txt")), SentimentLabel.Positive);
        AddWords(SetPrefix + "bing-liu", Lines(Path("bing-liu-opinion-lexicon", "negative-words.txt")), SentimentLabel.Negative);

        foreach (var line in Lines(Path("vader", "vader_lexicon.txt")))
        {
            var fields = line.Split('\t');
            if (fields.Length < 2 || !double.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var valence)) continue;
            if (!fields[0].All(char.IsLetter)) continue;
            if (valence >= 1) AddWords(SetPrefix + "vader", [fields[0]], SentimentLabel.Positive);
            else if (valence <= -1) AddWords(SetPrefix + "vader", [fields[0]], SentimentLabel.Negative);
        }

        // HowNet files start with a title line holding the word count
        foreach (var (file, label) in new[]
                 {
                     ("正面情感词语（中文）.txt", SentimentLabel.Positive), ("正面评价词语（中文）.txt", SentimentLabel.Positive),
                     ("负面情感词语（中文）.txt", SentimentLabel.Negative), ("负面评价词语（中文）.txt", SentimentLabel.Negative),
                 })
            AddWords(SetPrefix + "hownet", Lines(Path("hownet", file)).Skip(1), label);

        var tsinghua = Path("tsinghua-lijun", "qh_sent_dict.json");
        if (File.Exists(tsinghua))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(tsinghua));
            foreach (var (key, label) in new[] { ("pos", SentimentLabel.Positive), ("neg", SentimentLabel.Negative) })
                if (document.RootElement.TryGetProperty(key, out var words))
                    AddWords(SetPrefix + "tsinghua", words.EnumerateArray().Select(e => e.GetString() ?? ""), label);
        }
        return rows;
    }
}
