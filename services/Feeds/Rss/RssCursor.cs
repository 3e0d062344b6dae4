using System.Text.Json;

namespace Monitor.Feeds.Rss;

/// <summary>
/// Which feed URL comes next, and each URL's validators from its last answer (ETag, Last-Modified).
/// Kept in the cursor, so a restart still asks "only if changed" instead of fetching everything again.
/// </summary>
public sealed record RssCursor(int Next, Dictionary<string, RssValidators> Validators)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RssCursor Parse(string? text, int urlCount)
    {
        if (text is null) return new RssCursor(0, []);
        try
        {
            var cursor = JsonSerializer.Deserialize<RssCursor>(text, Json);
            if (cursor is null) return new RssCursor(0, []);
            return cursor with { Next = cursor.Next < urlCount && cursor.Next >= 0 ? cursor.Next : 0, Validators = cursor.Validators ?? [] };
        }
        catch (JsonException)
        {
            return new RssCursor(0, []); // written by another feed kind or an older shape: start over
        }
    }

    public override string ToString() => JsonSerializer.Serialize(this, Json);
}

public sealed record RssValidators(string? ETag, DateTimeOffset? LastModified);
