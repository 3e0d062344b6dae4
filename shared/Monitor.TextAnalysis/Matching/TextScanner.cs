namespace Monitor.TextAnalysis.Matching;

internal enum TokenKind
{
    /// <summary>A run of Chinese characters (to be segmented into words).</summary>
    HanRun,
    /// <summary>A run of letters and digits of an alphabetic script: "Ultra", "SU7", "2024".</summary>
    Word,
}

/// <summary>
/// Walks a normalised text and yields its Chinese runs and alphabetic words, skipping what is not
/// prose: URLs, @mentions, Weibo emoticons such as "[哈哈]", punctuation, emoji and whitespace.
/// Language detection, keywords and near-duplicate shingles all read text through it, so they agree
/// on what counts.
/// </summary>
internal ref struct TextScanner(ReadOnlySpan<char> text)
{
    private const int MaxMentionLength = 30;
    private const int MaxEmoticonLength = 8;

    private readonly ReadOnlySpan<char> _text = text;
    private int _position;

    public bool Next(out TokenKind kind, out int start, out int length)
    {
        var text = _text;
        while (_position < text.Length)
        {
            var c = text[_position];
            if (Chars.IsHan(c))
            {
                start = _position;
                while (_position < text.Length && Chars.IsHan(text[_position])) _position++;
                kind = TokenKind.HanRun;
                length = _position - start;
                return true;
            }
            if (Chars.IsLatinWordChar(c))
            {
                if (IsUrlStart(text[_position..]))
                {
                    // A URL ends at whitespace or at the first non-ASCII character (Chinese text often follows directly).
                    while (_position < text.Length && text[_position] > ' ' && text[_position] < 128) _position++;
                    continue;
                }
                start = _position;
                while (_position < text.Length && Chars.IsLatinWordChar(text[_position])) _position++;
                kind = TokenKind.Word;
                length = _position - start;
                return true;
            }
            if (c == '@')
            {
                var end = _position + 1;
                while (end < text.Length && end - _position <= MaxMentionLength
                       && (Chars.IsHan(text[end]) || Chars.IsLatinWordChar(text[end]) || text[end] is '_' or '-'))
                    end++;
                _position = end;
                continue;
            }
            if (c == '[')
            {
                var close = text[_position..].IndexOf(']');
                if (close > 1 && close <= MaxEmoticonLength + 1 && !text.Slice(_position, close).ContainsAny(' ', '\n'))
                {
                    _position += close + 1;
                    continue;
                }
            }
            _position++;
        }
        kind = default;
        start = length = 0;
        return false;
    }

    private static bool IsUrlStart(ReadOnlySpan<char> rest) =>
        rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
}
