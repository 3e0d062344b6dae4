using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Monitor.Platforms;

/// <summary>
/// Text that can travel: well-formed UTF-16 without NUL. A lone surrogate is silently turned into U+FFFD by
/// JSON writers and a NUL is refused by PostgreSQL, so a field holding either is refused by name instead.
/// </summary>
public static class UnicodeText
{
    /// <summary>What is wrong with <paramref name="text"/>, or null when it is well-formed.</summary>
    public static string? Problem(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return $"holds a NUL character at {i}";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return $"holds a lone surrogate (U+{(int)c:X4}) at {i}";
        }
        return null;
    }

    /// <summary>The text with lone surrogates and NUL replaced by U+FFFD, for showing it (reasons, raw items).</summary>
    public static string Repaired(string text)
    {
        if (Problem(text) is null) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) builder.Append(c).Append(text[++i]);
            else builder.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return builder.ToString();
    }

    /// <summary>At most <paramref name="length"/> characters, never cutting a surrogate pair, with "…" when cut.</summary>
    public static string Shorten(string text, int length)
    {
        if (text.Length <= length) return Repaired(text);
        var cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return Repaired(text[..cut]) + "…";
    }

    /// <summary>Bytes that should be UTF-8, decoded with U+FFFD for what is not.</summary>
    public static string Lenient(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    /// <summary>
    /// A JSON element as the source sent it, for quarantine: readable even when it holds invalid UTF-8 (shown as
    /// U+FFFD), where <see cref="JsonElement.GetRawText"/> would throw.
    /// </summary>
    public static string RawJson(JsonElement value) =>
        value.ValueKind == JsonValueKind.Undefined ? "" : Lenient(JsonMarshal.GetRawUtf8Value(value));
}
