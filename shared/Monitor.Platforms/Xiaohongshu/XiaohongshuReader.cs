using System.Text.Json;
using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>Reads Xiaohongshu notes and search pages into <see cref="CoverageReceived"/>.</summary>
/// <remarks>
/// A search result is <c>{"id", "model_type":"note", "note_card":{...}}</c>; the card names its id <c>note_id</c>
/// (search) or <c>id</c> (feed), and its <c>time</c> is in milliseconds (seconds in older exports).
/// </remarks>
public sealed class XiaohongshuReader
{
    private const string Platform = Monitor.Contracts.PlatformNames.Xiaohongshu;

    /// <summary>Reads a search result item or a bare note card.</summary>
    public ReadResult<CoverageReceived> Read(JsonElement note, string feed, DateTimeOffset observedAt) =>
        ItemReading.Guard(Platform, () => ReadNote(note, feed, observedAt));

    /// <summary>Reads a page: <c>{"success":true,"data":{"items":[...]}}</c>. Items that are not notes (hot queries, ads) are passed over.</summary>
    /// <exception cref="InvalidDataException">The page reports failure or is not a Xiaohongshu page.</exception>
    public PageResult ReadSearchPage(JsonElement page, string feed, DateTimeOffset observedAt)
    {
        if (page.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"Xiaohongshu page: expected an object, got {PlatformCount.DescribeKind(page)}");
        var success = JsonFields.Get(page, "success");
        if (success.ValueKind != JsonValueKind.True)
        {
            var message = JsonFields.Get(page, "msg");
            throw new InvalidDataException($"Xiaohongshu page: 'success' is {(success.ValueKind == JsonValueKind.Undefined ? "missing" : success.GetRawText())}"
                                           + (message.ValueKind == JsonValueKind.String ? $" ({JsonFields.Display(message)})" : ""));
        }
        var items = new List<CoverageReceived>();
        var skipped = new List<SkippedItem>();
        foreach (var item in PageEnvelope.Items(PageEnvelope.Array(JsonFields.Get(page, "data"), "items", "Xiaohongshu")))
        {
            var modelType = JsonFields.Get(item, "model_type");
            if (modelType.ValueKind == JsonValueKind.String && !modelType.ValueEquals("note")) continue;
            ItemReading.Collect(Read(item, feed, observedAt), item, Platform, "id", items, skipped);
        }
        return new PageResult(items, skipped);
    }

    private static CoverageReceived ReadNote(JsonElement item, string feed, DateTimeOffset observedAt)
    {
        if (item.ValueKind != JsonValueKind.Object)
            throw new InvalidItemException("note", $"expected an object, got {PlatformCount.DescribeKind(item)}");
        var card = JsonFields.OptionalObject(item, "note_card", "note_card") ?? item;
        var id = FirstId(card, item);

        // A note's title may be empty (""); the search card then has the title Xiaohongshu shows, display_title.
        var title = NonBlank(JsonFields.OptionalString(card, "title", "note_card.title"))
                    ?? NonBlank(JsonFields.OptionalString(card, "display_title", "note_card.display_title"));
        var text = JsonFields.OptionalString(card, "desc", "note_card.desc") ?? "";
        var publishedAt = JsonFields.Epoch(card, "time", "note_card.time");

        var user = JsonFields.Object(card, "user", "note_card.user");
        var author = new Author(
            JsonFields.RequiredString(user, "user_id", "note_card.user.user_id"),
            JsonFields.OptionalString(user, "nickname", "note_card.user.nickname")
            ?? JsonFields.RequiredString(user, "nick_name", "note_card.user.nickname"));

        var interact = JsonFields.OptionalObject(card, "interact_info", "note_card.interact_info");
        var engagement = interact is { } i
            ? new Engagement(
                Likes: JsonFields.Count(i, "liked_count", "note_card.interact_info.liked_count"),
                Comments: JsonFields.Count(i, "comment_count", "note_card.interact_info.comment_count"),
                Shares: JsonFields.Count(i, "share_count", "note_card.interact_info.share_count"),
                Collects: JsonFields.Count(i, "collected_count", "note_card.interact_info.collected_count"))
            : Engagement.None;

        var hashtags = TopicTags(card).Concat(Hashtags.FromXiaohongshuText(text));
        var region = JsonFields.OptionalString(card, "ip_location", "note_card.ip_location");
        return new CoverageReceived(
            Platform, id, $"https://www.xiaohongshu.com/explore/{id}", title,
            text, author, publishedAt, engagement, Hashtags.Distinct(hashtags),
            string.IsNullOrWhiteSpace(region) ? null : region.Trim(), feed, observedAt);
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string FirstId(JsonElement card, JsonElement item)
    {
        foreach (var (element, name) in new[] { (card, "note_id"), (card, "id"), (item, "id") })
            if (JsonFields.OptionalString(element, name, "note_id") is { } id && !string.IsNullOrWhiteSpace(id))
                return id.Trim();
        throw new InvalidItemException("note_id", "missing (neither note_card.note_id, note_card.id nor id is given)");
    }

    private static IEnumerable<string> TopicTags(JsonElement card)
    {
        var tags = JsonFields.Get(card, "tag_list");
        if (tags.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return [];
        if (tags.ValueKind != JsonValueKind.Array)
            throw new InvalidItemException("note_card.tag_list", $"expected an array, got {PlatformCount.DescribeKind(tags)}");
        return tags.EnumerateArray()
            .Where(t => JsonFields.Get(t, "type") is { ValueKind: JsonValueKind.String } type && type.ValueEquals("topic"))
            .Select(t => JsonFields.Get(t, "name"))
            .Where(name => name.ValueKind == JsonValueKind.String)
            .Select(name => JsonFields.String(name, "note_card.tag_list.name"))
            .ToList();
    }
}
