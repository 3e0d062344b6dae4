using System.Text.Json;
using Monitor.Platforms;

namespace Monitor.Feeds.Weibo;

/// <summary>Finds what a search page needs fetched besides itself: the ids of posts whose text is cut short.</summary>
public static class WeiboPage
{
    public static IEnumerable<string> LongTextIds(JsonElement page)
    {
        if (page.ValueKind != JsonValueKind.Object
            || !page.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("cards", out var cards) || cards.ValueKind != JsonValueKind.Array)
            yield break;
        foreach (var mblog in Posts(cards))
        {
            if (LongTextId(mblog) is { } id) yield return id;
            if (mblog.TryGetProperty("retweeted_status", out var original) && LongTextId(original) is { } originalId)
                yield return originalId;
        }
    }

    /// <remarks>An id that is not plain text is left to the reader, which quarantines the post naming it.</remarks>
    private static string? LongTextId(JsonElement mblog)
    {
        if (mblog.ValueKind != JsonValueKind.Object
            || !mblog.TryGetProperty("isLongText", out var flag) || flag.ValueKind != JsonValueKind.True
            || !mblog.TryGetProperty("id", out var id))
            return null;
        // The full text came with the post: nothing to fetch.
        if (mblog.TryGetProperty("longText", out var inline) && inline.ValueKind == JsonValueKind.Object
            && inline.TryGetProperty("longTextContent", out var content) && content.ValueKind == JsonValueKind.String)
            return null;
        if (id.ValueKind == JsonValueKind.Number) return id.GetRawText();
        if (id.ValueKind != JsonValueKind.String) return null;
        try
        {
            return id.GetString() is { Length: > 0 } text && UnicodeText.Problem(text) is null ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static IEnumerable<JsonElement> Posts(JsonElement cards)
    {
        foreach (var card in cards.EnumerateArray())
        {
            if (card.ValueKind != JsonValueKind.Object) continue;
            if (card.TryGetProperty("mblog", out var mblog) && mblog.ValueKind == JsonValueKind.Object) yield return mblog;
            else if (card.TryGetProperty("card_group", out var group) && group.ValueKind == JsonValueKind.Array)
                foreach (var inner in Posts(group)) yield return inner;
        }
    }
}
