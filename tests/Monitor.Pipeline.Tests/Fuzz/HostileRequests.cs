using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Monitor.Pipeline.Tests.Fuzz;

/// <summary>
/// Requests for one operation, mostly well-formed but with hostile values where a client can put them:
/// path segments, query parameters, JSON body fields and whole bodies. Seeded, so a run can be repeated.
/// </summary>
public sealed class HostileRequests(JsonElement document, Random random)
{
    /// <summary>Values for path segments and query parameters, escaped into the URL (so "\0" is sent as %00).</summary>
    private static readonly string[] Texts =
    [
        "\0", "a\0b", "\u001b[31m", "\u007f", "\u0085", "", " ", new string('x', 5_000), "2147483647", "-2147483648", "99999999999999999999",
        "-1", "0", "1e309", "NaN", "0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999-14:00",
        "1989-12-31", "true", "null", "[]", "{}", "'; DROP TABLE x; --", "../../etc/passwd", "00000000-0000-0000-0000-000000000000",
        "not-a-uuid", "😀", "\u202e", "%", "page=2147483647",
    ];

    /// <summary>Already-encoded query values: %00 itself, invalid UTF-8, an encoded surrogate, a broken escape.</summary>
    private static readonly string[] RawQueryValues = ["%00", "a%00b", "%ff%fe", "%ED%A0%80", "%C0%80", "%", "%zz"];

    private static readonly Func<JsonNode?>[] JsonValues =
    [
        () => "\0", () => "a\u0000b", () => "\u001b[2J", () => new string('x', 20_000), () => 2147483647, () => -2147483648, () => -1,
        () => 0, () => long.MaxValue, () => 1e308, () => "0001-01-01T00:00:00Z", () => "9999-12-31T23:59:59Z", () => "1989-12-31T00:00:00Z",
        () => null, () => true, () => new JsonArray(), () => new JsonObject(), () => "", () => "not-a-uuid", () => "2147483647",
    ];

    /// <summary>JSON texts no JsonNode can hold: numbers out of every range, an escaped lone surrogate.</summary>
    private static readonly string[] RawJsonValues = ["1e400", "-1e400", "99999999999999999999999", "\"\\ud800\"", "\"x\\udfff\"", "-0", "[[[[[[[[[[]]]]]]]]]]"];

    private static readonly byte[][] Bodies =
    [
        [], "null"u8.ToArray(), "[]"u8.ToArray(), "{"u8.ToArray(), "\"x\""u8.ToArray(), "0"u8.ToArray(), [0xff, 0xfe, 0x7b, 0x7d],
        "{\"a\":\"\\ud800\"}"u8.ToArray(), Encoding.UTF8.GetBytes(new string('[', 500)), Encoding.UTF8.GetBytes("{\"x\":\"\0\"}"),
        [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d],
    ];

    /// <summary>
    /// Valid values for parameters the OpenAPI document types only as strings (the query API parses its own),
    /// so that a request with one hostile value gets past the others.
    /// </summary>
    private static readonly Dictionary<string, Func<Random, string>> ValidByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["from"] = r => DateTimeOffset.UtcNow.AddDays(-r.Next(1, 30)).ToString("O"),
        ["to"] = r => DateTimeOffset.UtcNow.AddHours(-r.Next(0, 5)).ToString("O"),
        ["page"] = r => r.Next(1, 4).ToString(),
        ["pageSize"] = r => r.Next(1, 100).ToString(),
        ["limit"] = r => r.Next(1, 50).ToString(),
        ["platform"] = r => r.Next(2) == 0 ? "weibo" : "douyin",
        ["sentiment"] = _ => "negative",
        ["bucket"] = _ => "hour",
        ["format"] = r => r.Next(2) == 0 ? "csv" : "jsonl",
        ["type"] = _ => "brand",
        ["acknowledged"] = _ => "false",
        ["q"] = _ => "su7",
        ["entity"] = _ => "xiaomi-su7",
        ["name"] = _ => "mentions",
    };

    /// <summary>Ids the services have answered with, for path parameters that must name something that exists.</summary>
    private readonly List<string> _knownIds = [];

    /// <summary>Remembers the ids in a successful answer (subscriptions, alerts, ...) to aim later requests at.</summary>
    public void Learn(string answer)
    {
        foreach (Match id in Regex.Matches(answer, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
            if (_knownIds.Count < 50 && !_knownIds.Contains(id.Value)) _knownIds.Add(id.Value);
    }

    /// <summary>
    /// A request with one hostile part (a path segment, a query parameter or the body), every other part
    /// well-formed or left out; one in five is well-formed throughout.
    /// </summary>
    public HttpRequestMessage Next(PublicOperation operation, JsonNode? example)
    {
        var hasBody = operation.Method is "POST" or "PUT" or "PATCH" && (operation.BodySchema is not null || example is not null);
        var targets = operation.Parameters.Where(p => p.In is "path" or "query").Select(p => p.Name).ToList();
        if (hasBody) targets.Add("(body)");
        var hostile = targets.Count > 0 && random.Next(5) > 0 ? targets[random.Next(targets.Count)] : null;

        var path = operation.Path;
        foreach (var p in operation.Parameters.Where(p => p.In == "path"))
            path = path.Replace("{" + p.Name + "}", Uri.EscapeDataString(p.Name == hostile ? Pick(Texts) : ValidPathValue(p)));

        var query = new List<string>();
        foreach (var p in operation.Parameters.Where(p => p.In == "query"))
        {
            var name = Uri.EscapeDataString(p.Name);
            if (p.Name == hostile)
                query.Add(random.Next(3) == 0 ? $"{name}={Pick(RawQueryValues)}" : $"{name}={Uri.EscapeDataString(Pick(Texts))}");
            else if (random.Next(2) == 0)
                query.Add($"{name}={Uri.EscapeDataString(ValidByName.TryGetValue(p.Name, out var valid) ? valid(random) : Valid(p.Schema))}");
        }
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path + (query.Count > 0 ? "?" + string.Join('&', query) : ""));

        if (hasBody)
        {
            var valid = example?.DeepClone() ?? Valid(operation.BodySchema!.Value, 0);
            var body = hostile != "(body)" ? Encoding.UTF8.GetBytes(valid?.ToJsonString() ?? "null")
                : random.Next(4) == 0 ? Pick(Bodies)
                : Encoding.UTF8.GetBytes(Mutated(valid));
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return request;
    }

    private string ValidPathValue(OperationParameter parameter)
    {
        if (ValidByName.TryGetValue(parameter.Name, out var byName)) return byName(random);
        return _knownIds.Count > 0 && random.Next(4) > 0 ? Pick(_knownIds) : Valid(parameter.Schema);
    }

    /// <summary>The JSON text of <paramref name="node"/> with one to three of its values made hostile (or left out).</summary>
    private string Mutated(JsonNode? node)
    {
        var raw = new Dictionary<string, string>();
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            var slots = Slots(node).ToList();
            if (slots.Count == 0) break;
            var (parent, key, index) = slots[random.Next(slots.Count)];
            JsonNode? value;
            if (random.Next(4) == 0)
            {
                var placeholder = $"__raw{raw.Count}__";
                raw[$"\"{placeholder}\""] = Pick(RawJsonValues);
                value = placeholder;
            }
            else value = Pick(JsonValues)();

            if (parent is JsonObject o && key is not null)
            {
                if (random.Next(6) == 0) o.Remove(key);
                else o[key] = value;
            }
            else if (parent is JsonArray a) a[index] = value;
        }
        var text = node?.ToJsonString() ?? "null";
        foreach (var (placeholder, value) in raw) text = text.Replace(placeholder, value);
        return text;
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToArray())
                {
                    yield return (o, key, 0);
                    foreach (var slot in Slots(child)) yield return slot;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, null, i);
                    foreach (var slot in Slots(a[i])) yield return slot;
                }
                break;
        }
    }

    /// <summary>A well-formed value of the schema, as query or path text.</summary>
    private string Valid(JsonElement? schema)
    {
        var node = schema is { } s ? Valid(s, 0) : null;
        return node switch
        {
            null => "x",
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => node.ToJsonString(),
        };
    }

    /// <summary>A well-formed JSON value of the schema (references resolved, the first of any alternatives).</summary>
    private JsonNode? Valid(JsonElement schema, int depth)
    {
        schema = Resolve(schema);
        foreach (var alternatives in new[] { "allOf", "oneOf", "anyOf" })
            if (schema.TryGetProperty(alternatives, out var list) && list.GetArrayLength() > 0)
                return Valid(list[0], depth + 1);
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            return JsonNode.Parse(values[random.Next(values.GetArrayLength())].GetRawText());
        switch (TypeOf(schema))
        {
            case "object":
                var o = new JsonObject();
                if (depth < 6 && schema.TryGetProperty("properties", out var properties))
                    foreach (var property in properties.EnumerateObject())
                        o[property.Name] = Valid(property.Value, depth + 1);
                return o;
            case "array":
                return depth < 6 && schema.TryGetProperty("items", out var items) ? new JsonArray(Valid(items, depth + 1)) : new JsonArray();
            case "integer": return random.Next(1, 10);
            case "number": return 1.5;
            case "boolean": return random.Next(2) == 0;
            case "string":
                var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
                return format switch
                {
                    "date-time" => DateTimeOffset.UtcNow.AddHours(-random.Next(1, 48)).ToString("O"),
                    "uuid" => Guid.NewGuid().ToString(),
                    "uri" => "https://example.com/a",
                    _ => "fuzz",
                };
            default: return "fuzz";
        }
    }

    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 10 && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        return schema;
    }

    /// <summary>The schema's type; of a list (OpenAPI 3.1: ["null", "string"], ["integer", "string"]), the first that is not null.</summary>
    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return schema.TryGetProperty("properties", out _) ? "object" : null;
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
