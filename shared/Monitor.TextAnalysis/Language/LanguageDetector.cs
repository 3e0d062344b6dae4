using Monitor.TextAnalysis.Matching;

namespace Monitor.TextAnalysis;

/// <summary>Tells Chinese, English and mixed texts apart by counting Chinese characters against alphabetic words.</summary>
/// <remarks>
/// One alphabetic word weighs as much as two Chinese characters (about one Chinese word). A text is
/// "zh" when Chinese holds at least 70% of that weight, "en" when it holds at most 30%, "mixed"
/// in between. Words with digits ("SU7", "2024") do not count: model names appear in both languages.
/// URLs, mentions and emoticons do not count either. A text with nothing to count is "mixed".
/// </remarks>
public static class LanguageDetector
{
    public const string Chinese = "zh";
    public const string English = "en";
    public const string Mixed = "mixed";

    private const double WordWeight = 2.0;
    private const double ChineseFloor = 0.7;
    private const double EnglishCeiling = 0.3;

    public static string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var han = 0;
        var words = 0;
        var scanner = new TextScanner(text);
        while (scanner.Next(out var kind, out var start, out var length))
        {
            if (kind == TokenKind.HanRun) han += length;
            else if (length > 1 && IsAllLetters(text.AsSpan(start, length))) words++;
        }
        var total = han + words * WordWeight;
        if (total == 0) return Mixed;
        var chineseShare = han / total;
        return chineseShare >= ChineseFloor ? Chinese : chineseShare <= EnglishCeiling ? English : Mixed;
    }

    private static bool IsAllLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (!Chars.IsLatinLetter(c)) return false;
        return true;
    }
}
