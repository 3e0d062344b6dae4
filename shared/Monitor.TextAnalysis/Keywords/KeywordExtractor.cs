using System.Buffers;
using Monitor.TextAnalysis.Matching;

namespace Monitor.TextAnalysis;

/// <summary>
/// The words a text is about: Chinese words from dictionary segmentation and alphabetic words
/// (lower-cased), without stop words, single Chinese characters, bare numbers, URLs, mentions and
/// emoticons. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A word scores its information content, −log p(word), once per occurrence, so frequent words of a
/// text and rare words of the language rank high. Alphabetic words score as a dictionary word of
/// frequency <see cref="AlphabeticWordFrequency"/> would. Ties keep the order of first appearance.
/// </remarks>
public sealed class KeywordExtractor
{
    /// <summary>Frequency assumed for alphabetic words, which the Chinese dictionary does not hold.</summary>
    public const long AlphabeticWordFrequency = 50;

    /// <summary>Frequency given to subject words added through <see cref="CreateDefault"/>: a common word, so segmentation keeps it whole.</summary>
    public const long SubjectWordFrequency = 5000;

    /// <summary>Longer alphabetic runs (hashes, base64, glued-together text) are not words.</summary>
    private const int MaxWordLength = 40;

    private readonly ChineseSegmenter _segmenter;
    private readonly HashSet<string> _stopWords;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopWordLookup;
    private readonly float _alphabeticWeight;

    public KeywordExtractor(ChineseSegmenter segmenter, IEnumerable<string> stopWords)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(stopWords);
        _segmenter = segmenter;
        _stopWords = new HashSet<string>(stopWords.Select(w => w.ToLowerInvariant()), StringComparer.Ordinal);
        _stopWordLookup = _stopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _alphabeticWeight = (float)(segmenter.LogTotal - Math.Log(AlphabeticWordFrequency));
    }

    /// <summary>The built-in dictionary and stop words, plus <paramref name="subjectWords"/> (e.g. a gazetteer's Chinese aliases).</summary>
    public static KeywordExtractor CreateDefault(IEnumerable<string>? subjectWords = null)
    {
        var extra = (subjectWords ?? [])
            .Where(w => w.Length > 1 && w.All(Chars.IsHan))
            .Select(w => new KeyValuePair<string, long>(w, SubjectWordFrequency));
        return new KeywordExtractor(new ChineseSegmenter(WordLists.ChineseWords.Concat(extra)), WordLists.StopWords);
    }

    /// <summary>The words of <paramref name="text"/> in order, stop words included: Chinese words as they are, alphabetic words lower-cased.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var lengths = ArrayPool<int>.Shared.Rent(text.Length);
        var logProbabilities = ArrayPool<float>.Shared.Rent(text.Length);
        try
        {
            var scanner = new TextScanner(text);
            while (scanner.Next(out var kind, out var start, out var length))
            {
                if (kind == TokenKind.Word)
                {
                    tokens.Add(text.Substring(start, length).ToLowerInvariant());
                    continue;
                }
                var words = _segmenter.Segment(text.AsSpan(start, length), lengths, logProbabilities);
                for (var i = 0; i < words; start += lengths[i], i++) tokens.Add(text.Substring(start, lengths[i]));
            }
            return tokens;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
            ArrayPool<float>.Shared.Return(logProbabilities);
        }
    }

    /// <summary>Up to <paramref name="max"/> keywords of <paramref name="text"/>, best first.</summary>
    public IReadOnlyList<string> Extract(string text, int max = 10)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var scores = new Dictionary<string, (float Score, int First)>(StringComparer.Ordinal);
        var lookup = scores.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[MaxWordLength];
        var lengths = ArrayPool<int>.Shared.Rent(text.Length);
        var logProbabilities = ArrayPool<float>.Shared.Rent(text.Length);
        try
        {
            var scanner = new TextScanner(text);
            while (scanner.Next(out var kind, out var start, out var length))
            {
                if (kind == TokenKind.Word)
                {
                    var word = text.AsSpan(start, length);
                    if (length < 2 || length > MaxWordLength || IsNumber(word)) continue;
                    var lowered = lower[..word.ToLowerInvariant(lower)];
                    if (!_stopWordLookup.Contains(lowered)) Add(lookup, lowered, _alphabeticWeight, scores.Count);
                    continue;
                }
                var words = _segmenter.Segment(text.AsSpan(start, length), lengths, logProbabilities);
                for (var i = 0; i < words; start += lengths[i], i++)
                {
                    var word = text.AsSpan(start, lengths[i]);
                    if (word.Length >= 2 && !_stopWordLookup.Contains(word)) Add(lookup, word, -logProbabilities[i], scores.Count);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
            ArrayPool<float>.Shared.Return(logProbabilities);
        }
        return scores
            .OrderByDescending(p => p.Value.Score)
            .ThenBy(p => p.Value.First)
            .Take(max)
            .Select(p => p.Key)
            .ToArray();
    }

    private static void Add(Dictionary<string, (float Score, int First)>.AlternateLookup<ReadOnlySpan<char>> scores, ReadOnlySpan<char> word, float weight, int order)
    {
        scores[word] = scores.TryGetValue(word, out var seen) ? (seen.Score + weight, seen.First) : (weight, order);
    }

    private static bool IsNumber(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (!char.IsDigit(c)) return false;
        return true;
    }
}
