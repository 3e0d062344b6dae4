namespace Monitor.TextAnalysis.Matching;

/// <summary>Character classes and the case/width folding that every matcher in this library shares.</summary>
internal static class Chars
{
    /// <summary>Folds full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space to ASCII.</summary>
    public static char FoldWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    /// <summary>Width fold plus lower case for Latin letters; Chinese characters are returned as they are.</summary>
    public static char FoldForMatch(char c)
    {
        c = FoldWidth(c);
        if (c < 128) return c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
        return c < 0x0250 ? char.ToLowerInvariant(c) : c;
    }

    /// <summary>CJK unified ideographs, extension A and compatibility ideographs.</summary>
    public static bool IsHan(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>
    /// A letter or digit of an alphabetic script (Latin, Greek, Cyrillic ...), i.e. one that forms words
    /// with spaces between them, in either width ("Ｓ" is as much a letter as "S").
    /// </summary>
    public static bool IsLatinWordChar(char c) => IsNarrowLatinWordChar(FoldWidth(c));

    private static bool IsNarrowLatinWordChar(char c) =>
        c < 128 ? c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
                : c < '\u2E80' && char.IsLetterOrDigit(c);

    public static bool IsLatinLetter(char c) => IsNarrowLatinLetter(FoldWidth(c));

    private static bool IsNarrowLatinLetter(char c) =>
        c < 128 ? c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' : c < '\u2E80' && char.IsLetter(c);
}
