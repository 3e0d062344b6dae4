using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>
/// The last look at an item before it leaves a feed: every text field well-formed (see <see cref="UnicodeText"/>),
/// some text or a title, and a publication time that is a real one. Readers run it on what they read; the feed SDK runs it on every
/// item it is about to publish, so an item nobody checked cannot fail a page either.
/// </summary>
public static class CoverageCheck
{
    /// <summary>Earlier than this no platform or news site dates an item; such a date is a placeholder (0001-01-01, epoch 0).</summary>
    public static readonly DateTimeOffset EarliestPublished = new(1970, 1, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>"field: what is wrong" for the first problem, or null when the item can be published.</summary>
    public static string? Problem(CoverageReceived item)
    {
        ArgumentNullException.ThrowIfNull(item);
        foreach (var (field, value) in TextFields(item))
            if (UnicodeText.Problem(value) is { } problem)
                return $"{field}: {problem}";
        if (string.IsNullOrWhiteSpace(item.Text) && string.IsNullOrWhiteSpace(item.Title))
            return "text: is empty and there is no title: the item says nothing (ingestion would refuse it)";
        if (item.PublishedAt < EarliestPublished)
            return $"publishedAt: {item.PublishedAt:O} is a placeholder, not a publication time";
        return null;
    }

    private static IEnumerable<(string Field, string? Value)> TextFields(CoverageReceived item)
    {
        yield return ("platformId", item.PlatformId);
        yield return ("url", item.Url);
        yield return ("title", item.Title);
        yield return ("text", item.Text);
        yield return ("author.id", item.Author?.Id);
        yield return ("author.name", item.Author?.Name);
        yield return ("region", item.Region);
        for (var i = 0; i < (item.Hashtags?.Count ?? 0); i++)
            yield return ($"hashtags[{i}]", item.Hashtags![i]);
    }
}
