using Monitor.TextAnalysis.Matching;

namespace Monitor.TextAnalysis;

/// <summary>Tells Chinese, English and mixed texts apart by counting Chinese characters against alphabetic words.</summary>
/// <remarks>
/// One alphabetic word weighs as much as one and a half Chinese characters (a Chinese word is one
/// to two characters). A text is "zh" when Chinese holds at least 60% of that weight, "en" when it
/// holds at most 20%, "mixed" in between: Chinese posts name foreign brands in Latin letters
/// ("特斯拉 Model Y 和 Porsche Taycan"), so Chinese gets the wider band. Words with digits ("SU7", "2024") do not count: model names appear in both languages.
/// URLs, mentions and emoticons do not count either, nor do hashtags unless the text has nothing else.
/// A text with nothing to count is "mixed".
/// </remarks>
public static class LanguageDetector
{
    public const string Chinese = "zh";
    public const string English = "en";
    public const string Mixed = "mixed";

    private const double WordWeight = 1.5;
    private const double ChineseFloor = 0.6;
    private const double EnglishCeiling = 0.2;

    private const int MaxHashtagLength = 40;

    public static string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Hashtags count only when nothing else does: an English post may carry a Chinese topic.
        var prose = new Counts();
        var hashtags = new Counts();
        var position = 0;
        while (position < text.Length)
        {
            var mark = text.IndexOf('#', position);
            var proseEnd = mark < 0 ? text.Length : mark;
            prose.Add(text.AsSpan(position, proseEnd - position));
            if (mark < 0) break;
            var tagEnd = HashtagEnd(text, mark);
            hashtags.Add(text.AsSpan(mark + 1, tagEnd - mark - 1));
            position = tagEnd;
        }
        var counts = prose.Total > 0 ? prose : hashtags;
        if (counts.Total == 0) return Mixed;
        var chineseShare = counts.Han / counts.Total;
        return chineseShare >= ChineseFloor ? Chinese : chineseShare <= EnglishCeiling ? English : Mixed;
    }

    /// <summary>Just past a "#topic#" (Weibo) or a "#topic" that ends at whitespace (Douyin, Xiaohongshu).</summary>
    private static int HashtagEnd(string text, int mark)
    {
        var limit = Math.Min(text.Length, mark + 1 + MaxHashtagLength);
        for (var i = mark + 1; i < limit; i++)
        {
            if (text[i] == '#') return i + 1;
            if (char.IsWhiteSpace(text[i])) break;
        }
        var end = mark + 1;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '#') end++;
        return end;
    }

    private struct Counts
    {
        public int Han;
        public int Words;

        public readonly double Total => Han + Words * WordWeight;

        public void Add(ReadOnlySpan<char> text)
        {
            var scanner = new TextScanner(text);
            while (scanner.Next(out var kind, out var start, out var length))
            {
                if (kind == TokenKind.HanRun) Han += length;
                else if (length > 1 && IsAllLetters(text.Slice(start, length))) Words++;
            }
        }
    }

    private static bool IsAllLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (!Chars.IsLatinLetter(c)) return false;
        return true;
    }
}
