using System.Text.Json;
using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>Reads Weibo <c>mblog</c> objects and search API pages into <see cref="CoverageReceived"/>.</summary>
/// <remarks>
/// The text is the post's visible text (HTML stripped by <see cref="WeiboHtml"/>). A repost's text ends with
/// the original, Weibo style ("//@name: ..."), so reposts of one original read as near-duplicates of it.
/// Relative times ("5分钟前") are taken against the time the feed observed the post.
/// </remarks>
public sealed class WeiboReader
{
    private const string Platform = Monitor.Contracts.PlatformNames.Weibo;
    private const string RepostWithoutWords = "转发微博";
    private const string OriginalUnavailable = "原微博已删除或不可见";

    /// <summary>Reads one mblog.</summary>
    /// <param name="longText">Gives the full HTML of a post marked <c>isLongText</c>, by id (null when unknown).</param>
    public ReadResult<CoverageReceived> Read(
        JsonElement mblog, string feed, DateTimeOffset observedAt, Func<string, string?>? longText = null) =>
        ItemReading.Guard(Platform, () => ReadPost(mblog, feed, observedAt, longText));

    /// <summary>Reads a search API page: <c>{"ok":1,"data":{"cards":[...]}}</c>, cards of type 9, and type 11 card groups.</summary>
    /// <exception cref="InvalidDataException">The page itself is not a successful search page.</exception>
    public PageResult ReadSearchPage(
        JsonElement page, string feed, DateTimeOffset observedAt, Func<string, string?>? longText = null)
    {
        if (page.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"Weibo page: expected an object, got {PlatformCount.DescribeKind(page)}");
        var ok = JsonFields.Get(page, "ok");
        if (ok.ValueKind != JsonValueKind.Number || ok.GetRawText() != "1")
        {
            var message = JsonFields.Get(page, "msg");
            throw new InvalidDataException($"Weibo page: 'ok' is {(ok.ValueKind == JsonValueKind.Undefined ? "missing" : ok.GetRawText())}"
                                           + (message.ValueKind == JsonValueKind.String ? $" ({JsonFields.Display(message)})" : ""));
        }
        var data = JsonFields.Get(page, "data");
        var items = new List<CoverageReceived>();
        var skipped = new List<SkippedItem>();
        foreach (var mblog in Posts(PageEnvelope.Array(data, "cards", "Weibo")))
            ItemReading.Collect(Read(mblog, feed, observedAt, longText), mblog, Platform, "id", items, skipped);
        return new PageResult(items, skipped);
    }

    /// <summary>The <c>longTextContent</c> of a long-text response (<c>{"ok":1,"data":{"longTextContent":"..."}}</c>), or null.</summary>
    /// <remarks>Content that is not valid text counts as absent: the post keeps its short text.</remarks>
    public static string? LongTextContent(JsonElement response)
    {
        if (JsonFields.Get(JsonFields.Get(response, "data"), "longTextContent") is not { ValueKind: JsonValueKind.String } content) return null;
        try
        {
            return JsonFields.String(content, "longTextContent");
        }
        catch (InvalidItemException)
        {
            return null;
        }
    }

    private static IEnumerable<JsonElement> Posts(JsonElement cards)
    {
        foreach (var card in PageEnvelope.Items(cards))
        {
            if (JsonFields.Get(card, "mblog") is { ValueKind: JsonValueKind.Object } mblog)
                yield return mblog;
            else if (JsonFields.Get(card, "card_group") is { ValueKind: JsonValueKind.Array } group)
                foreach (var inner in Posts(group))
                    yield return inner;
        }
    }

    private static CoverageReceived ReadPost(JsonElement mblog, string feed, DateTimeOffset observedAt, Func<string, string?>? longText)
    {
        if (mblog.ValueKind != JsonValueKind.Object)
            throw new InvalidItemException("mblog", $"expected an object, got {PlatformCount.DescribeKind(mblog)}");
        var mid = NonBlank(JsonFields.OptionalString(mblog, "mid", "mid"));
        var id = NonBlank(JsonFields.OptionalString(mblog, "id", "id")) ?? mid
                 ?? throw new InvalidItemException("id", "missing (neither id nor mid is given)");
        var created = JsonFields.RequiredString(mblog, "created_at", "created_at");
        DateTimeOffset publishedAt;
        try
        {
            publishedAt = PlatformTime.ParseWeibo(created, observedAt);
        }
        catch (FormatException e)
        {
            throw new InvalidItemException("created_at", e.Message);
        }

        var user = JsonFields.Object(mblog, "user", "user");
        var author = new Author(
            JsonFields.RequiredString(user, "id", "user.id"),
            JsonFields.RequiredString(user, "screen_name", "user.screen_name"),
            JsonFields.Count(user, "followers_count", "user.followers_count"),
            JsonFields.OptionalBool(user, "verified"));

        var post = VisibleText(mblog, id, "text", longText);
        var text = post.Text;
        var hashtags = Topics(mblog, post, "").ToList();
        if (JsonFields.OptionalObject(mblog, "retweeted_status", "retweeted_status") is { } original)
        {
            // A repost without words of its own is shown by Weibo as "转发微博" (reposted).
            if (string.IsNullOrWhiteSpace(text)) text = RepostWithoutWords;
            if (Unavailable(original) is { } notice)
            {
                text += $"\n//{notice}";
            }
            else
            {
                var originalId = JsonFields.OptionalString(original, "id", "retweeted_status.id") ?? "";
                var originalPost = VisibleText(original, originalId, "retweeted_status.text", longText);
                var originalUser = JsonFields.OptionalObject(original, "user", "retweeted_status.user");
                var originalName = originalUser is { } u ? JsonFields.OptionalString(u, "screen_name", "retweeted_status.user.screen_name") : null;
                text += originalName is null ? $"\n//{originalPost.Text}" : $"\n//@{originalName}: {originalPost.Text}";
                hashtags.AddRange(Topics(original, originalPost, "retweeted_status."));
            }
        }

        var engagement = new Engagement(
            Likes: JsonFields.Count(mblog, "attitudes_count", "attitudes_count"),
            Comments: JsonFields.Count(mblog, "comments_count", "comments_count"),
            Shares: JsonFields.Count(mblog, "reposts_count", "reposts_count"));

        return new CoverageReceived(
            Platform, id, $"https://weibo.com/{author.Id}/{mid ?? id}", Title: null, text, author,
            publishedAt, engagement, Hashtags.Distinct(hashtags), Region(mblog), feed, observedAt);
    }

    /// <summary>
    /// The post's text: the full text of a long post (<c>isLongText</c>) from the resolver or from an inline
    /// <c>longText.longTextContent</c>, else the text shown, which Weibo cuts at about 140 characters.
    /// </summary>
    private static WeiboText VisibleText(JsonElement mblog, string id, string path, Func<string, string?>? longText)
    {
        var html = JsonFields.OptionalString(mblog, "text", path)
                   ?? throw new InvalidItemException(path, "missing");
        if (JsonFields.OptionalBool(mblog, "isLongText"))
        {
            if (longText is not null && id.Length > 0 && longText(id) is { Length: > 0 } full) html = full;
            else if (InlineLongText(mblog, path) is { Length: > 0 } inline) html = inline;
        }
        return WeiboHtml.Read(html);
    }

    private static string? InlineLongText(JsonElement mblog, string path)
    {
        var prefix = path.EndsWith("text", StringComparison.Ordinal) ? path[..^"text".Length] : "";
        return JsonFields.OptionalObject(mblog, "longText", prefix + "longText") is { } inline
            ? JsonFields.OptionalString(inline, "longTextContent", prefix + "longText.longTextContent")
            : null;
    }

    /// <summary>"#话题#" and "#话题[超话]#" in the text, the super-topics it links to, and the topics Weibo lists in <c>topic_struct</c>.</summary>
    private static IEnumerable<string> Topics(JsonElement mblog, WeiboText text, string prefix)
    {
        var listed = JsonFields.Get(mblog, "topic_struct");
        IEnumerable<string> fromStruct = [];
        if (listed.ValueKind == JsonValueKind.Array)
            fromStruct = listed.EnumerateArray()
                .Select(t => JsonFields.Get(t, "topic_title"))
                .Where(title => title.ValueKind == JsonValueKind.String)
                .Select(title => Hashtags.WithoutSuperTopicMark(JsonFields.String(title, prefix + "topic_struct.topic_title")))
                .ToList();
        else if (listed.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
            throw new InvalidItemException(prefix + "topic_struct", $"expected an array, got {PlatformCount.DescribeKind(listed)}");
        return Hashtags.FromWeiboText(text.Text).Concat(text.SuperTopics).Concat(fromStruct);
    }

    /// <summary>
    /// What Weibo shows in place of a repost's original that was deleted or that the viewer may not see
    /// (<c>deleted: "1"</c>, or no text at all), or null when the original is there to read. The notice is not the
    /// original's words, so no topic is taken from it.
    /// </summary>
    private static string? Unavailable(JsonElement original)
    {
        var text = JsonFields.Get(original, "text");
        var given = text.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        if (given && !JsonFields.OptionalBool(original, "deleted")) return null;
        var notice = text.ValueKind == JsonValueKind.String ? WeiboHtml.ToText(JsonFields.String(text, "retweeted_status.text")) : "";
        return notice.Length > 0 ? notice : OriginalUnavailable;
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Region(JsonElement mblog)
    {
        var region = JsonFields.OptionalString(mblog, "region_name", "region_name")?.Trim();
        if (string.IsNullOrEmpty(region)) return null;
        return region.StartsWith("发布于", StringComparison.Ordinal) ? region["发布于".Length..].Trim() : region;
    }
}
