using Monitor.TextAnalysis.Matching;

namespace Monitor.TextAnalysis;

/// <summary>Tells Chinese, English and mixed texts apart by counting Chinese characters against alphabetic words.</summary>
/// <remarks>
/// One alphabetic word weighs as much as one and a half Chinese characters (a Chinese word is one
/// to two characters). A text is "zh" when Chinese holds at least 60% of that weight, "en" when it
/// holds at most 20%, "mixed" in between: Chinese posts name foreign brands in Latin letters
/// ("特斯拉 Model Y 和 Porsche Taycan"), so Chinese gets the wider band. Words with digits ("SU7", "2024") do not count: model names appear in both languages.
/// URLs, mentions and emoticons do not count either. A text with nothing to count is "mixed".
/// </remarks>
public static class LanguageDetector
{
    public const string Chinese = "zh";
    public const string English = "en";
    public const string Mixed = "mixed";

    private const double WordWeight = 1.5;
    private const double ChineseFloor = 0.6;
    private const double EnglishCeiling = 0.2;

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
