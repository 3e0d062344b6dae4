using System.Globalization;

namespace Monitor.Feeds.Sdk.Search;

/// <summary>
/// Where a keyword search feed is: which keyword, which page of it (the platform's page number or
/// offset token), and how many pages of that keyword this cycle has read. Written "keyword|page|depth".
/// </summary>
public sealed record KeywordCursor(int Keyword, string Page, int Depth)
{
    public static KeywordCursor Start(string firstPage) => new(0, firstPage, 1);

    /// <summary>
    /// Reads a stored cursor. One that does not fit the present configuration (the keyword list
    /// shrank, or it was written by another kind of feed) starts over rather than failing the feed.
    /// </summary>
    public static KeywordCursor Parse(string? text, int keywordCount, string firstPage)
    {
        if (text is null) return Start(firstPage);
        var parts = text.Split('|');
        return parts.Length == 3
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var keyword) && keyword < keywordCount
               && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var depth) && depth >= 1
               && parts[1].Length > 0
            ? new KeywordCursor(keyword, parts[1], depth)
            : Start(firstPage);
    }

    public KeywordCursor NextPage(string page) => this with { Page = page, Depth = Depth + 1 };

    /// <summary>The first page of the next keyword, or null when this was the last keyword.</summary>
    public KeywordCursor? NextKeyword(int keywordCount, string firstPage) =>
        Keyword + 1 < keywordCount ? new KeywordCursor(Keyword + 1, firstPage, 1) : null;

    public override string ToString() => FormattableString.Invariant($"{Keyword}|{Page}|{Depth}");
}
