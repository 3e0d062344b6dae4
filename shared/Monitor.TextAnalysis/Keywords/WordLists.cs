namespace Monitor.TextAnalysis;

/// <summary>The word lists compiled into this library (see Resources/ and its NOTICE file).</summary>
public static class WordLists
{
    private static readonly Lazy<IReadOnlyList<KeyValuePair<string, long>>> ChineseWordsLazy = new(() =>
        ReadFrequencies("zh-words.txt").Concat(ReadFrequencies("zh-subject-words.txt")).ToArray());

    private static readonly Lazy<IReadOnlyList<string>> StopWordsLazy = new(() =>
        ReadLines("stop-words.txt").ToArray());

    /// <summary>Chinese words with corpus frequencies: a trimmed jieba dictionary plus Monitor's automotive vocabulary.</summary>
    public static IReadOnlyList<KeyValuePair<string, long>> ChineseWords => ChineseWordsLazy.Value;

    /// <summary>Chinese and English words too common to be keywords.</summary>
    public static IReadOnlyList<string> StopWords => StopWordsLazy.Value;

    private static IEnumerable<KeyValuePair<string, long>> ReadFrequencies(string resource)
    {
        foreach (var line in ReadLines(resource))
        {
            var space = line.LastIndexOf(' ');
            if (space <= 0 || !long.TryParse(line.AsSpan(space + 1), out var frequency) || frequency <= 0)
                throw new InvalidDataException($"Resource {resource}: line '{line}' is not \"word frequency\".");
            yield return new(line[..space], frequency);
        }
    }

    private static IEnumerable<string> ReadLines(string resource)
    {
        var name = "Monitor.TextAnalysis.Resources." + resource;
        using var stream = typeof(WordLists).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is missing from Monitor.TextAnalysis.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#') yield return line;
        }
    }
}
