namespace Monitor.SentimentModel.Features;

/// <summary>
/// Two facts about a normalised text read in one pass: whether it is mostly English (more Latin
/// letters than CJK characters) and where the clause after its last contrast word starts
/// ("but", "however", "但", "不过", "可是", "然而", "只是", "却", "可惜"), since in "the design is
/// great, but the delivery was slow" the clause after "but" carries the verdict.
/// </summary>
public readonly record struct TextShape(bool English, int ContrastAt)
{
    /// <summary>No contrast word: <see cref="ContrastAt"/> is past any position.</summary>
    public const int None = int.MaxValue;

    public bool HasContrast => ContrastAt != None;

    public static TextShape Of(ReadOnlySpan<char> normalized)
    {
        var latin = 0;
        var cjk = 0;
        var contrastAt = None;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (c is >= 'a' and <= 'z')
            {
                latin++;
                if ((i == 0 || !CharClass.IsWordChar(normalized[i - 1])) && IsEnglishContrast(normalized, i, out var length))
                    contrastAt = i + length;
            }
            else if (CharClass.IsCjk(c))
            {
                cjk++;
                var length = ChineseContrastLength(normalized, i);
                if (length > 0) contrastAt = i + length;
            }
        }
        return new TextShape(latin > cjk, contrastAt);
    }

    private static bool IsEnglishContrast(ReadOnlySpan<char> text, int at, out int length)
    {
        foreach (var word in EnglishWords)
        {
            length = word.Length;
            if (!text[at..].StartsWith(word)) continue;
            if (at + length < text.Length && CharClass.IsWordChar(text[at + length])) continue;
            return true;
        }
        length = 0;
        return false;
    }

    private static int ChineseContrastLength(ReadOnlySpan<char> text, int at)
    {
        var c = text[at];
        if (c is '但' or '却') return 1;
        if (at + 1 >= text.Length) return 0;
        var pair = text.Slice(at, 2);
        return pair is "不过" or "可是" or "然而" or "只是" or "可惜" ? 2 : 0;
    }

    private static readonly string[] EnglishWords = ["but", "however", "nevertheless", "nonetheless"];
}
