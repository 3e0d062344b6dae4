using Monitor.TextAnalysis.Matching;

namespace Monitor.TextAnalysis;

/// <summary>
/// The 64-bit hashes of a text's shingles: windows of <see cref="Width"/> consecutive tokens, where a
/// token is one Chinese character or one lower-cased alphabetic word. URLs, mentions, emoticons,
/// punctuation and emoji are not tokens, and the repost marker "转发微博" is dropped.
/// A Weibo repost ("comment//@author: forwarded text", the form the Weibo reader gives it) shingles
/// as the last forwarded text that has words, so every repost of a post shingles like the post itself.
/// </summary>
internal static class Shingles
{
    public const int Width = 4;

    private const int MaxAuthorNameLength = 30;

    /// <summary>How many "//@author:" links of a repost chain are examined, so a pathological text stays cheap.</summary>
    private const int MaxChainLinks = 32;

    private static readonly string[] RepostMarkers = ["转发微博", "轉發微博"];

    /// <summary>Fills <paramref name="hashes"/> (cleared first) with the shingle hashes of <paramref name="text"/>.</summary>
    public static void Compute(string text, List<ulong> hashes)
    {
        hashes.Clear();
        foreach (var marker in RepostMarkers)
            if (text.Contains(marker, StringComparison.Ordinal)) text = text.Replace(marker, " ", StringComparison.Ordinal);

        // Walk the chain from its end: the last forwarded text that has words is what the repost copies.
        // ("a//@b: 转发微博" forwards nothing of b's; the reader appends the original post last.)
        var end = text.Length;
        for (var examined = 0; end > 0 && examined < MaxChainLinks; examined++)
        {
            var marker = text.LastIndexOf("//@", end - 1, StringComparison.Ordinal);
            if (marker < 0) break;
            var colon = AuthorColon(text, marker);
            if (colon > 0)
            {
                Compute(text.AsSpan(colon + 1), hashes);
                if (hashes.Count > 0) return;
            }
            end = marker;
        }
        Compute(text.AsSpan(), hashes);
    }

    /// <summary>The position of the ":" that ends "//@author:", or -1 when the marker is not followed by a name and a colon.</summary>
    private static int AuthorColon(string text, int marker)
    {
        var limit = Math.Min(text.Length, marker + 3 + MaxAuthorNameLength + 1);
        for (var i = marker + 3; i < limit; i++)
        {
            if (text[i] is ':' or '：') return i > marker + 3 ? i : -1;
            if (char.IsWhiteSpace(text[i])) break;
        }
        return -1;
    }

    private static void Compute(ReadOnlySpan<char> text, List<ulong> hashes)
    {
        // The last Width tokens, oldest first; a shingle hashes them as a polynomial, mixed once.
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        var tokens = 0;
        var scanner = new TextScanner(text);
        while (scanner.Next(out var kind, out var start, out var length))
        {
            if (kind == TokenKind.HanRun)
            {
                for (var i = start; i < start + length; i++) Add(text[i] * Golden);
            }
            else
            {
                var hash = 0xcbf29ce484222325UL; // FNV-1a over the folded characters
                for (var i = start; i < start + length; i++) hash = (hash ^ Chars.FoldForMatch(text[i])) * 0x100000001b3UL;
                Add(hash);
            }
        }
        // A text shorter than one window is one shingle of what it has.
        if (tokens is > 0 and < Width) hashes.Add(Mix(((t0 * Golden + t1) * Golden + t2) * Golden + t3 + (ulong)tokens));

        void Add(ulong token)
        {
            (t0, t1, t2, t3) = (t1, t2, t3, token);
            if (++tokens >= Width) hashes.Add(Mix(((t0 * Golden + t1) * Golden + t2) * Golden + t3));
        }
    }

    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64's finaliser: spreads every input bit over the whole word.</summary>
    internal static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9UL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebUL;
        x ^= x >> 31;
        return x;
    }
}
