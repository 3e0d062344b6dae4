using System.Text.Json;
using Monitor.Contracts;

namespace Monitor.Ingestion.Ingest;

/// <summary>
/// Reads the body of POST /api/coverage: one CoverageReceived object or an array of them, camelCase.
/// <c>feed</c> and <c>observedAt</c> may be left out (they default to "http" and the time of the request).
/// Every problem is reported with its JSON path; one invalid item rejects the whole request.
/// </summary>
public sealed record CoverageRequest(IReadOnlyList<CoverageReceived> Items, ValidationErrors Errors)
{
    public const string HttpFeed = "http";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CoverageRequest Read(JsonElement body, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var items = new List<CoverageReceived>();
        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                ReadItem(body, "", now, items, errors);
                break;
            case JsonValueKind.Array when body.GetArrayLength() == 0:
                errors.Add("$", "the array is empty: send at least one coverage item");
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var element in body.EnumerateArray())
                    ReadItem(element, $"[{index++}].", now, items, errors);
                break;
            default:
                errors.Add("$", $"expected a coverage item object or an array of them, got {body.ValueKind.ToString().ToLowerInvariant()}");
                break;
        }
        return new CoverageRequest(items, errors);
    }

    private static void ReadItem(JsonElement element, string prefix, DateTimeOffset now, List<CoverageReceived> items, ValidationErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), $"must be an object, got {element.ValueKind.ToString().ToLowerInvariant()}");
            return;
        }

        CoverageReceived? item;
        try
        {
            item = element.Deserialize<CoverageReceived>(Json);
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? prefix + p[2..] : prefix.TrimEnd('.');
            errors.Add(path.Length == 0 ? "$" : path, "has the wrong type or format: " + FirstSentence(e.Message));
            return;
        }
        catch (InvalidOperationException)
        {
            // An escaped half of a surrogate pair ("\ud83d" alone) is valid JSON but no string at all.
            var path = BrokenStringPath(element, prefix.TrimEnd('.')) ?? prefix.TrimEnd('.');
            errors.Add(path.Length == 0 ? "$" : path, "contains an unpaired surrogate; the text is not valid Unicode");
            return;
        }

        item = item! with
        {
            Feed = string.IsNullOrWhiteSpace(item.Feed) ? HttpFeed : item.Feed,
            ObservedAt = item.ObservedAt == default ? now : item.ObservedAt,
            Hashtags = item.Hashtags ?? [],
        };
        CoverageValidator.Validate(item, now, prefix, errors);
        items.Add(item);
    }

    /// <summary>The JSON path of the first string that cannot be read as UTF-16, or null.</summary>
    private static string? BrokenStringPath(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try { element.GetString(); return null; }
                catch (InvalidOperationException) { return path; }
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                    if (BrokenStringPath(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } found) return found;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (BrokenStringPath(item, $"{path}[{index++}]") is { } found) return found;
                return null;
            default:
                return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
