using System.Text;
using System.Text.RegularExpressions;
using UtfUnknown;

namespace Monitor.Platforms;

/// <summary>
/// Decides how a feed's bytes are decoded: a byte order mark first; then, in turn, the charset the server declared,
/// the XML declaration's encoding and an HTML meta charset, each taken only if the bytes really are in it; then
/// UTF-8; then the charset detected from the bytes (GB18030, Big5, ...). GB2312 and GBK labels read as GB18030,
/// which holds them both. Bytes that are in none of these are refused.
/// </summary>
internal static partial class FeedEncoding
{
    static FeedEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <exception cref="FeedFormatException">No candidate decodes the bytes.</exception>
    public static string Decode(byte[] bytes, string? declaredCharset)
    {
        foreach (var (preamble, encoding) in ByteOrderMarks)
            if (bytes.AsSpan().StartsWith(preamble))
                return Strict(encoding).GetString(bytes, preamble.Length, bytes.Length - preamble.Length);

        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
        var labels = new[] { declaredCharset, Group(Declaration().Match(head)), Group(MetaCharset().Match(head)), "utf-8" };
        foreach (var label in labels)
            if (Find(label) is { } encoding && TryDecode(bytes, encoding) is { } text)
                return text;

        var detected = CharsetDetector.DetectFromBytes(bytes).Detected;
        if (Find(detected?.EncodingName) is { } guess && TryDecode(bytes, guess) is { } guessed)
            return guessed;
        throw new FeedFormatException(
            $"The feed's bytes are not in any encoding it declares ({string.Join(", ", labels.Where(l => !string.IsNullOrWhiteSpace(l)).Distinct())})"
            + $" nor in one that can be detected{(detected is null ? "" : $" (best guess {detected.EncodingName}, confidence {detected.Confidence:0.00})")}");
    }

    private static readonly (byte[] Preamble, Encoding Encoding)[] ByteOrderMarks =
    [
        ([0xEF, 0xBB, 0xBF], new UTF8Encoding(false)),
        ([0xFF, 0xFE, 0x00, 0x00], new UTF32Encoding(false, false)),
        ([0x00, 0x00, 0xFE, 0xFF], new UTF32Encoding(true, false)),
        ([0xFF, 0xFE], new UnicodeEncoding(false, false)),
        ([0xFE, 0xFF], new UnicodeEncoding(true, false)),
    ];

    private static string? TryDecode(byte[] bytes, Encoding encoding)
    {
        try
        {
            return Strict(encoding).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static Encoding Strict(Encoding encoding) =>
        Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var key = name.Trim().Trim('"', '\'').ToLowerInvariant();
        // Pages labelled GB2312 or GBK routinely hold characters only GBK/GB18030 define; GB18030 reads all of them alike.
        if (key is "gb2312" or "gbk" or "x-gbk" or "cp936" or "gb_2312-80" or "euc-cn" or "hz-gb-2312") key = "gb18030";
        if (key is "big5-hkscs" or "x-x-big5" or "cn-big5") key = "big5";
        try
        {
            return Encoding.GetEncoding(key);
        }
        catch (ArgumentException)
        {
            return null; // an unknown label falls through to the next source of truth
        }
    }

    private static string? Group(Match match) => match.Success ? match.Groups["enc"].Value : null;

    [GeneratedRegex(@"^\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*[""'](?<enc>[A-Za-z0-9._:-]{1,40})[""']")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"<meta\b[^>]{0,200}?\bcharset\s*=\s*[""']?(?<enc>[A-Za-z0-9._:-]{1,40})", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
