using System.Text.Json;
using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>Reads Douyin <c>aweme</c> objects and search pages into <see cref="CoverageReceived"/>.</summary>
/// <remarks>
/// Statistics arrive as integers from the app API and as display strings ("10w+") from web exports; both are read.
/// A play count of 0 is "not known" (null views); the other counts mean what they say, 0 included. An image post
/// (图文) is linked at /note/{id} and has no views; a video at /video/{id}.
/// </remarks>
public sealed class DouyinReader
{
    private const string Platform = Monitor.Contracts.PlatformNames.Douyin;

    /// <summary>Reads one aweme (or a search result wrapping it as <c>aweme_info</c>).</summary>
    public ReadResult<CoverageReceived> Read(JsonElement aweme, string feed, DateTimeOffset observedAt) =>
        ItemReading.Guard(Platform, () => ReadAweme(Unwrap(aweme), feed, observedAt));

    /// <summary>Reads a page: <c>{"status_code":0,"aweme_list":[...]}</c>, or the general search's <c>{"status_code":0,"data":[{"aweme_info":{...}}]}</c>.</summary>
    /// <exception cref="InvalidDataException">The page reports an error or is not a Douyin page.</exception>
    public PageResult ReadSearchPage(JsonElement page, string feed, DateTimeOffset observedAt)
    {
        if (page.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"Douyin page: expected an object, got {PlatformCount.DescribeKind(page)}");
        var status = JsonFields.Get(page, "status_code");
        if (status.ValueKind != JsonValueKind.Number || status.GetRawText() != "0")
        {
            var message = JsonFields.Get(page, "status_msg");
            throw new InvalidDataException($"Douyin page: 'status_code' is {(status.ValueKind == JsonValueKind.Undefined ? "missing" : status.GetRawText())}"
                                           + (message.ValueKind == JsonValueKind.String ? $" ({JsonFields.Display(message)})" : ""));
        }
        var list = PageEnvelope.Array(page, "aweme_list", "Douyin");
        if (list.ValueKind != JsonValueKind.Array) list = PageEnvelope.Array(page, "data", "Douyin");
        var items = new List<CoverageReceived>();
        var skipped = new List<SkippedItem>();
        foreach (var entry in PageEnvelope.Items(list))
        {
            var aweme = Unwrap(entry);
            ItemReading.Collect(Read(aweme, feed, observedAt), aweme, Platform, "aweme_id", items, skipped);
        }
        return new PageResult(items, skipped);
    }

    private static JsonElement Unwrap(JsonElement entry) =>
        JsonFields.Get(entry, "aweme_info") is { ValueKind: JsonValueKind.Object } inner ? inner : entry;

    private static CoverageReceived ReadAweme(JsonElement aweme, string feed, DateTimeOffset observedAt)
    {
        if (aweme.ValueKind != JsonValueKind.Object)
            throw new InvalidItemException("aweme", $"expected an object, got {PlatformCount.DescribeKind(aweme)}");
        var id = JsonFields.RequiredString(aweme, "aweme_id", "aweme_id");
        var text = JsonFields.OptionalString(aweme, "desc", "desc") ?? "";
        var publishedAt = JsonFields.Epoch(aweme, "create_time", "create_time");

        var user = JsonFields.Object(aweme, "author", "author");
        var uid = JsonFields.OptionalString(user, "uid", "author.uid") is { Length: > 0 } u
            ? u
            : JsonFields.RequiredString(user, "sec_uid", "author.uid");
        var verification = (JsonFields.OptionalString(user, "custom_verify", "author.custom_verify") ?? "")
                           + (JsonFields.OptionalString(user, "enterprise_verify_reason", "author.enterprise_verify_reason") ?? "");
        var author = new Author(
            uid,
            JsonFields.RequiredString(user, "nickname", "author.nickname"),
            JsonFields.Count(user, "follower_count", "author.follower_count"),
            Verified: verification.Length > 0);

        var imagePost = IsImagePost(aweme);
        var statistics = JsonFields.OptionalObject(aweme, "statistics", "statistics");
        var engagement = statistics is { } s
            ? new Engagement(
                Likes: JsonFields.Count(s, "digg_count", "statistics.digg_count"),
                Comments: JsonFields.Count(s, "comment_count", "statistics.comment_count"),
                Shares: JsonFields.Count(s, "share_count", "statistics.share_count"),
                Views: imagePost ? null : UnknownWhenZero(JsonFields.Count(s, "play_count", "statistics.play_count")),
                Collects: JsonFields.Count(s, "collect_count", "statistics.collect_count"))
            : Engagement.None;

        var hashtags = TextExtraHashtags(aweme).Concat(Hashtags.FromDouyinText(text));
        var region = JsonFields.OptionalString(aweme, "ip_label", "ip_label");
        return new CoverageReceived(
            Platform, id, $"https://www.douyin.com/{(imagePost ? "note" : "video")}/{id}", Title: null, text, author, publishedAt, engagement,
            Hashtags.Distinct(hashtags), string.IsNullOrWhiteSpace(region) ? null : region.Trim(), feed, observedAt);
    }

    /// <summary>
    /// Douyin's search and detail answers carry <c>play_count: 0</c> for every video but the viewer's own: the
    /// platform does not publish plays, so 0 means "not known". A video that was found has been played.
    /// </summary>
    private static long? UnknownWhenZero(long? plays) => plays is 0 ? null : plays;

    /// <summary>The aweme_type of an image post (图文): a set of pictures with music, shown at /note/{id}.</summary>
    private const int ImagePostType = 68;

    /// <summary>
    /// An image post rather than a video: <c>aweme_type</c> 68, or a non-empty <c>images</c> list (which videos
    /// carry as null). An image post has no plays, so its <c>play_count</c> says nothing, not even "not known yet".
    /// </summary>
    private static bool IsImagePost(JsonElement aweme)
    {
        var type = JsonFields.Get(aweme, "aweme_type");
        if (type.ValueKind == JsonValueKind.Number && type.TryGetInt32(out var kind) && kind == ImagePostType) return true;
        var images = JsonFields.Get(aweme, "images");
        return images.ValueKind switch
        {
            JsonValueKind.Array => images.GetArrayLength() > 0,
            JsonValueKind.Undefined or JsonValueKind.Null => false,
            _ => throw new InvalidItemException("images", $"expected an array, got {PlatformCount.DescribeKind(images)}"),
        };
    }

    private static IEnumerable<string> TextExtraHashtags(JsonElement aweme)
    {
        var extra = JsonFields.Get(aweme, "text_extra");
        if (extra.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return [];
        if (extra.ValueKind != JsonValueKind.Array)
            throw new InvalidItemException("text_extra", $"expected an array, got {PlatformCount.DescribeKind(extra)}");
        return extra.EnumerateArray()
            .Select(e => JsonFields.Get(e, "hashtag_name"))
            .Where(name => name.ValueKind == JsonValueKind.String)
            .Select(name => JsonFields.String(name, "text_extra.hashtag_name"))
            .ToList();
    }
}
