using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Platforms;

/// <summary>
/// Decides how a feed's bytes are decoded: a byte order mark first, then the charset the server declared,
/// then the XML declaration's encoding, then UTF-8 (the order XML media types prescribe).
/// </summary>
internal static partial class FeedEncoding
{
    static FeedEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] bytes, string? declaredCharset)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)) return new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble)) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble)) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);

        var encoding = Find(declaredCharset) ?? Find(FromXmlDeclaration(bytes)) ?? new UTF8Encoding(false);
        return encoding.GetString(bytes);
    }

    private static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var key = name.Trim().Trim('"', '\'').ToLowerInvariant();
        // Pages labelled GB2312 or GBK routinely hold characters only GBK/GB18030 define; GB18030 reads all of them alike.
        if (key is "gb2312" or "gbk" or "x-gbk" or "cp936" or "gb_2312-80" or "euc-cn") key = "gb18030";
        try
        {
            return Encoding.GetEncoding(key);
        }
        catch (ArgumentException)
        {
            return null; // an unknown label falls through to the next source of truth
        }
    }

    private static string? FromXmlDeclaration(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 200));
        var match = Declaration().Match(head);
        return match.Success ? match.Groups["enc"].Value : null;
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\bencoding\s*=\s*[""'](?<enc>[A-Za-z0-9._:-]+)[""']")]
    private static partial Regex Declaration();
}
