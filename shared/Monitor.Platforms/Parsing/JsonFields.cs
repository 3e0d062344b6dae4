using System.Text.Json;

namespace Monitor.Platforms;

/// <summary>
/// Field access for the readers: each method either returns the value or raises an
/// <see cref="InvalidItemException"/> that names the field (with its path) and says what was wrong.
/// </summary>
internal static class JsonFields
{
    public static JsonElement Object(JsonElement parent, string name, string path)
    {
        var value = Get(parent, name);
        if (value.ValueKind == JsonValueKind.Object) return value;
        throw new InvalidItemException(path, value.ValueKind == JsonValueKind.Undefined
            ? "missing"
            : $"expected an object, got {PlatformCount.DescribeKind(value)}");
    }

    public static JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        var value = Get(parent, name);
        return value.ValueKind switch
        {
            JsonValueKind.Object => value,
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => throw new InvalidItemException(path, $"expected an object, got {PlatformCount.DescribeKind(value)}"),
        };
    }

    /// <summary>An id or text field; platforms send ids both as numbers and as strings.</summary>
    public static string RequiredString(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path) is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s)
            ? s
            : throw new InvalidItemException(path, Get(parent, name).ValueKind == JsonValueKind.Undefined ? "missing" : "empty");

    public static string? OptionalString(JsonElement parent, string name, string path)
    {
        var value = Get(parent, name);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => throw new InvalidItemException(path, $"expected a string, got {PlatformCount.DescribeKind(value)}"),
        };
    }

    public static bool OptionalBool(JsonElement parent, string name)
    {
        var value = Get(parent, name);
        return value.ValueKind == JsonValueKind.True
               || (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n != 0)
               || (value.ValueKind == JsonValueKind.String && value.GetString() is "true" or "1");
    }

    public static long? Count(JsonElement parent, string name, string path)
    {
        try
        {
            return PlatformCount.Parse(Get(parent, name));
        }
        catch (FormatException e)
        {
            throw new InvalidItemException(path, e.Message);
        }
    }

    /// <summary>An epoch in seconds or milliseconds, as a number or a numeric string.</summary>
    public static DateTimeOffset Epoch(JsonElement parent, string name, string path)
    {
        var value = Get(parent, name);
        long raw;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)) raw = n;
        else if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out var parsed)) raw = parsed;
        else if (value.ValueKind == JsonValueKind.Undefined) throw new InvalidItemException(path, "missing");
        else throw new InvalidItemException(path, $"expected an epoch time stamp, got {PlatformCount.Shorten(value.GetRawText())}");
        try
        {
            return PlatformTime.FromUnix(raw);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidItemException(path, $"{raw} is not a plausible epoch time stamp");
        }
    }

    public static JsonElement Get(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : default;
}
