namespace Monitor.SentimentModel.Features;

/// <summary>
/// Maps text one character to one character (so positions stay valid in the original text):
/// full-width ASCII to half-width, the ideographic space to a space, curly apostrophes to ',
/// and everything to lower case.
/// </summary>
public static class TextNormalizer
{
    public static void Normalize(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        for (var i = 0; i < source.Length; i++)
            destination[i] = NormalizeChar(source[i]);
    }

    public static string Normalize(string text)
    {
        return string.Create(text.Length, text, static (span, source) => Normalize(source, span));
    }

    public static char NormalizeChar(char c)
    {
        if (c < 0x80)
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        if (c is >= '\uFF01' and <= '\uFF5E')
            c = (char)(c - 0xFEE0);
        else if (c == '\u3000')
            return ' ';
        else if (c is '\u2019' or '\u2018' or '\u02BC')
            return '\'';
        return char.ToLowerInvariant(c);
    }
}
