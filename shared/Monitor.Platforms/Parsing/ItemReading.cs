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
            return ReadResult<CoverageReceived>.Success(read());
        }
        catch (InvalidItemException e)
        {
            return ReadResult<CoverageReceived>.Failure($"{platform}: {e.Message}");
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
        skipped.Add(new SkippedItem(platform, id, result.Error ?? "unreadable", raw.GetRawText()));
    }

    private static string? IdOrNull(JsonElement raw, string field)
    {
        var value = JsonFields.Get(raw, field);
        return value.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
