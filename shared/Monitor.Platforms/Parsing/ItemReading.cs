using System.Text.Json;
using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>The shared shape of every reader: read one item, turn a field error into a result, collect a page.</summary>
internal static class ItemReading
{
    public static ReadResult<CoverageReceived> Guard(string platform, Func<CoverageReceived> read)
    {
        try
        {
            var item = read();
            return CoverageCheck.Problem(item) is { } problem
                ? ReadResult<CoverageReceived>.Failure($"{platform}: {problem}")
                : ReadResult<CoverageReceived>.Success(item);
        }
        catch (InvalidItemException e)
        {
            return ReadResult<CoverageReceived>.Failure($"{platform}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A reader bug must cost one item, not the page: the item is kept with the exception for a fix.
            return ReadResult<CoverageReceived>.Failure($"{platform}: unreadable item ({e.GetType().Name}: {UnicodeText.Shorten(e.Message, 200)})");
        }
    }

    public static void Collect(
        ReadResult<CoverageReceived> result, JsonElement raw, string platform, string? idField,
        List<CoverageReceived> items, List<SkippedItem> skipped)
    {
        if (result.Item is not null)
        {
            items.Add(result.Item);
            return;
        }
        var id = idField is null ? null : IdOrNull(raw, idField);
        skipped.Add(new SkippedItem(platform, id, result.Error ?? "unreadable", JsonFields.Raw(raw)));
    }

    private static string? IdOrNull(JsonElement raw, string field)
    {
        try
        {
            return JsonFields.OptionalString(raw, field, field) is { } id && !string.IsNullOrWhiteSpace(id) ? id : null;
        }
        catch (InvalidItemException)
        {
            return null; // an id that is not text is no id to show
        }
    }
}
