using System.Runtime.CompilerServices;

namespace Monitor.SentimentModel.Features;

internal static class CharClass
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF')
            or (>= '\u3040' and <= '\u30FF') or (>= '\uAC00' and <= '\uD7AF');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) =>
        c < 0x80 ? (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or (>= 'A' and <= 'Z')) : (!IsCjk(c) && char.IsLetterOrDigit(c));

    /// <summary>Marks that end a clause: they close a negation scope and break word bigrams.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsClauseBreak(char c) =>
        c is '.' or ',' or ';' or ':' or '!' or '?' or '\u3002' or '\u3001' or '\n' or '\u2026' or '~' or '(' or ')' or '"';

    /// <summary>Emoji in the supplementary planes (a surrogate pair).</summary>
    public static bool IsEmojiCodePoint(int cp) => cp is (>= 0x1F000 and <= 0x1FAFF);

    /// <summary>Single-char pictographs in the basic plane: ☺ ☹ ❤ ✨ ⭐ and the like.</summary>
    public static bool IsBmpEmoji(char c) => c is (>= '\u2600' and <= '\u27BF') or '\u2B50' or '\u2B55' or '\u2764';

    /// <summary>Characters that only modify a preceding emoji (variation selector, joiner, skin tones are pairs).</summary>
    public static bool IsEmojiModifier(char c) => c is '\uFE0F' or '\uFE0E' or '\u200D';
}
