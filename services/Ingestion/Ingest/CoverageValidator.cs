using Monitor.Contracts;

namespace Monitor.Ingestion.Ingest;

/// <summary>
/// What a coverage item must satisfy before it is stored. The same rules apply to the bus and to
/// HTTP; paths are the camelCase JSON names, prefixed with the item's place in a batch. Text and
/// date limits are the contract's (<see cref="InputLimits"/>): refused, never stripped or clamped.
/// </summary>
public static class CoverageValidator
{
    public const int MaxTextLength = 200_000;
    public const int MaxFieldLength = 2_048;

    /// <param name="now">The server's clock: an observation may lie at most <see cref="InputLimits.ClockSkew"/> after it.</param>
    public static ValidationErrors Validate(CoverageReceived? item, DateTimeOffset now, string prefix = "", ValidationErrors? errors = null)
    {
        errors ??= new ValidationErrors();
        if (item is null)
        {
            errors.Add(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), "an item is required, got null");
            return errors;
        }

        if (string.IsNullOrWhiteSpace(item.Platform))
            errors.Add(prefix + "platform", "is required");
        else if (!Contracts.PlatformNames.IsKnown(item.Platform))
            errors.Add(prefix + "platform", $"'{InputLimits.Printable(item.Platform)}' is not one of {string.Join(", ", Contracts.PlatformNames.All)}");

        Required(errors, prefix + "platformId", item.PlatformId);
        Required(errors, prefix + "url", item.Url);
        if (!string.IsNullOrWhiteSpace(item.Url)
            && !(Uri.TryCreate(item.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            errors.Add(prefix + "url", "must be an absolute http(s) URL");
        if (item.Title is { Length: > MaxFieldLength })
            errors.Add(prefix + "title", $"is longer than {MaxFieldLength} characters");

        if (item.Text is null)
            errors.Add(prefix + "text", "is required (it may be empty when a title is given)");
        else if (item.Text.Length > MaxTextLength)
            errors.Add(prefix + "text", $"is longer than {MaxTextLength} characters");
        else if (string.IsNullOrWhiteSpace(item.Text) && string.IsNullOrWhiteSpace(item.Title))
            errors.Add(prefix + "text", "is empty and there is no title: the item says nothing");

        if (item.Author is null)
            errors.Add(prefix + "author", "is required");
        else
        {
            Required(errors, prefix + "author.id", item.Author.Id);
            Required(errors, prefix + "author.name", item.Author.Name);
            if (item.Author.Followers < 0) errors.Add(prefix + "author.followers", "must not be negative");
        }

        var observedInRange = InputLimits.IsInRange(item.ObservedAt, now);
        if (item.PublishedAt == default)
            errors.Add(prefix + "publishedAt", "is required (ISO 8601 with offset)");
        else if (!InputLimits.IsInRange(item.PublishedAt, now))
            errors.Add(prefix + "publishedAt", InputLimits.RangeText(now));
        else if (observedInRange && item.PublishedAt > item.ObservedAt + InputLimits.ClockSkew)
            errors.Add(prefix + "publishedAt", "lies more than a day after the item was observed");

        if (item.Engagement is null)
            errors.Add(prefix + "engagement", "is required (use {} when the source gives no counts)");
        else
        {
            NotNegative(errors, prefix + "engagement.likes", item.Engagement.Likes);
            NotNegative(errors, prefix + "engagement.comments", item.Engagement.Comments);
            NotNegative(errors, prefix + "engagement.shares", item.Engagement.Shares);
            NotNegative(errors, prefix + "engagement.views", item.Engagement.Views);
            NotNegative(errors, prefix + "engagement.collects", item.Engagement.Collects);
        }

        if (item.Hashtags is not null)
            for (var i = 0; i < item.Hashtags.Count; i++)
                if (string.IsNullOrWhiteSpace(item.Hashtags[i]))
                    errors.Add($"{prefix}hashtags[{i}]", "must not be empty");

        Required(errors, prefix + "feed", item.Feed);
        if (item.ObservedAt == default)
            errors.Add(prefix + "observedAt", "is required");
        else if (!observedInRange)
            errors.Add(prefix + "observedAt", InputLimits.RangeText(now));

        PlainText(errors, prefix, item);
        return errors;
    }

    /// <summary>Every string field, checked for control characters and unpaired surrogates.</summary>
    private static void PlainText(ValidationErrors errors, string prefix, CoverageReceived item)
    {
        PlainText(errors, prefix + "platform", item.Platform);
        PlainText(errors, prefix + "platformId", item.PlatformId);
        PlainText(errors, prefix + "url", item.Url);
        PlainText(errors, prefix + "title", item.Title);
        PlainText(errors, prefix + "text", item.Text);
        PlainText(errors, prefix + "author.id", item.Author?.Id);
        PlainText(errors, prefix + "author.name", item.Author?.Name);
        if (item.Hashtags is not null)
            for (var i = 0; i < item.Hashtags.Count; i++)
                PlainText(errors, $"{prefix}hashtags[{i}]", item.Hashtags[i]);
        PlainText(errors, prefix + "region", item.Region);
        PlainText(errors, prefix + "feed", item.Feed);
    }

    private static void PlainText(ValidationErrors errors, string path, string? value)
    {
        if (InputLimits.TextProblem(value) is { } problem) errors.Add(path, problem);
    }

    private static void Required(ValidationErrors errors, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(path, "is required");
        else if (value.Length > MaxFieldLength) errors.Add(path, $"is longer than {MaxFieldLength} characters");
    }

    private static void NotNegative(ValidationErrors errors, string path, long? value)
    {
        if (value < 0) errors.Add(path, "must not be negative");
    }
}
