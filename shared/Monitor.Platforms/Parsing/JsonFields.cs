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
            JsonValueKind.String => String(value, path),
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
               || (value.ValueKind == JsonValueKind.String && (value.ValueEquals("true") || value.ValueEquals("1")));
    }

    public static long? Count(JsonElement parent, string name, string path)
    {
        var value = Get(parent, name);
        try
        {
            return value.ValueKind == JsonValueKind.String ? PlatformCount.Parse(String(value, path)) : PlatformCount.Parse(value);
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
        else if (value.ValueKind == JsonValueKind.String && long.TryParse(String(value, path), out var parsed)) raw = parsed;
        else if (value.ValueKind == JsonValueKind.Undefined) throw new InvalidItemException(path, "missing");
        else throw new InvalidItemException(path, $"expected an epoch time stamp, got {PlatformCount.Shorten(Raw(value))}");
        try
        {
            return PlatformTime.FromUnix(raw);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidItemException(path, $"{raw} is not a plausible epoch time stamp");
        }
    }

    /// <summary>A JSON string as .NET text; invalid UTF-8, a lone surrogate or a NUL is the field's error, not an exception.</summary>
    public static string String(JsonElement value, string path)
    {
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new InvalidItemException(path, "is not valid text (invalid UTF-8 or a lone surrogate escape)");
        }
        return UnicodeText.Problem(text) is { } problem ? throw new InvalidItemException(path, problem) : text;
    }

    /// <summary>A string's text for a message, whatever it holds (invalid text shows as the source sent it).</summary>
    public static string Display(JsonElement value)
    {
        try
        {
            return UnicodeText.Repaired(value.GetString() ?? "");
        }
        catch (InvalidOperationException)
        {
            return Raw(value);
        }
    }

    /// <summary>The element as the source sent it, readable even when it holds invalid UTF-8 (shown as U+FFFD).</summary>
    public static string Raw(JsonElement value) => UnicodeText.RawJson(value);

    public static JsonElement Get(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : default;
}
