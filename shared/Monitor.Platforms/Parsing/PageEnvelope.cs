using System.Text.Json;

namespace Monitor.Platforms;

/// <summary>Checks for the envelope of a page of results; a wrong envelope is the page's problem, not an item's.</summary>
internal static class PageEnvelope
{
    public static JsonElement Array(JsonElement parent, string name, string platform)
    {
        var value = JsonFields.Get(parent, name);
        return value.ValueKind switch
        {
            JsonValueKind.Array => value,
            JsonValueKind.Undefined or JsonValueKind.Null => default,
            _ => throw new InvalidDataException($"{platform} page: '{name}' should be an array, got {PlatformCount.DescribeKind(value)}"),
        };
    }

    public static IEnumerable<JsonElement> Items(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];
}
