using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Faults.Tests.Harness;

namespace Monitor.Faults.Tests.Hostile;

/// <summary>
/// Malformed and hostile coverage payloads: fuzzed JSON (valid items cut short or with bytes
/// flipped), wrong types, huge strings, invalid UTF-8, script tags where an id or URL belongs,
/// values out of range. Deterministic for a seed, so a failing case can be reproduced.
/// </summary>
public static class HostilePayloads
{
    private const int HugeLength = 250_000; // beyond ingestion's 200,000-character text limit
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Func<Random, int, HostilePayload>[] Makers =
    [
        CutShort, FlippedBytes, InvalidUtf8, InvalidUtf8InsideString, RandomBytes,
        Mutated("platform", _ => 123, "platform as a number"),
        Mutated("publishedAt", _ => "yesterday", "publishedAt not a date"),
        Mutated("engagement", _ => "lots", "engagement as a string"),
        Mutated("author", _ => new JsonArray(), "author as an array"),
        Mutated("hashtags", _ => "#小米SU7#", "hashtags as a string"),
        Mutated("text", _ => new JsonObject { ["html"] = "<b>x</b>" }, "text as an object"),
        Mutated("url", _ => "javascript:alert(document.cookie)", "script URL"),
        Mutated("platform", _ => "<script>alert(1)</script>", "script tag as platform"),
        Mutated("platformId", _ => "", "empty platformId"),
        Mutated("text", _ => new string('A', HugeLength), "huge text"),
        Mutated("platformId", _ => new string('9', 5_000), "huge platformId"),
        Mutated("title", _ => "<script>" + new string('x', 3_000) + "</script>", "huge title with a script tag"),
        Mutated("engagement", _ => new JsonObject { ["likes"] = -5 }, "negative likes"),
        Mutated("publishedAt", _ => "2999-01-01T00:00:00+00:00", "published in the future"),
        Mutated("author", _ => null, "author missing"),
        Raw("a number", "42"),
        Raw("null", "null"),
        Raw("an empty array", "[]"),
        Raw("a bare string", "\"<script>alert(1)</script>\""),
        Raw("an empty object", "{}"),
        Deep, HugeNumber,
    ];

    public static IReadOnlyList<HostilePayload> Create(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => Makers[i % Makers.Length](random, i)).ToArray();
    }

    private static JsonObject ValidItem(int index) =>
        JsonSerializer.SerializeToNode(CoverageItems.Item("hostile-", index), Json)!.AsObject();

    private static Func<Random, int, HostilePayload> Mutated(string field, Func<Random, JsonNode?> value, string kind) =>
        (random, index) =>
        {
            var item = ValidItem(index);
            var replacement = value(random);
            if (replacement is null) item.Remove(field);
            else item[field] = replacement;
            return new HostilePayload(kind, Encoding.UTF8.GetBytes(item.ToJsonString()), IsJson: true);
        };

    private static Func<Random, int, HostilePayload> Raw(string kind, string json) =>
        (_, _) => new HostilePayload(kind, Encoding.UTF8.GetBytes(json), IsJson: true);

    private static HostilePayload CutShort(Random random, int index)
    {
        var body = Encoding.UTF8.GetBytes(ValidItem(index).ToJsonString());
        return new HostilePayload("JSON cut short", body[..random.Next(1, body.Length - 1)], IsJson: false);
    }

    /// <summary>Structural characters replaced with others, so the body no longer parses.</summary>
    private static HostilePayload FlippedBytes(Random random, int index)
    {
        var body = Encoding.UTF8.GetBytes(ValidItem(index).ToJsonString());
        var structural = Enumerable.Range(0, body.Length).Where(i => body[i] is (byte)'{' or (byte)':' or (byte)'"').ToArray();
        foreach (var at in structural.OrderBy(_ => random.Next()).Take(3))
            body[at] = (byte)"};]\\"[random.Next(4)];
        return new HostilePayload("JSON with flipped bytes", body, IsJson: false);
    }

    private static HostilePayload InvalidUtf8(Random random, int index) =>
        new("invalid UTF-8", [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, (byte)random.Next(0x80, 0xC0)], IsJson: false);

    private static HostilePayload InvalidUtf8InsideString(Random random, int index)
    {
        var json = ValidItem(index).ToJsonString();
        var text = json.IndexOf("\"text\":\"", StringComparison.Ordinal) + 8;
        var body = Encoding.UTF8.GetBytes(json[..text]).Concat(new byte[] { 0xFF, 0xFE, 0xC0, 0xAF })
            .Concat(Encoding.UTF8.GetBytes(json[text..])).ToArray();
        return new HostilePayload("invalid UTF-8 inside the text", body, IsJson: false);
    }

    private static HostilePayload RandomBytes(Random random, int index)
    {
        var body = new byte[random.Next(16, 512)];
        random.NextBytes(body);
        body[0] = (byte)'{'; // looks like JSON at first glance
        return new HostilePayload("random bytes", body, IsJson: false);
    }

    /// <summary>Nested far deeper than any JSON reader's depth limit.</summary>
    private static HostilePayload Deep(Random random, int index) =>
        new("nested 5,000 deep", Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)), IsJson: false);

    private static HostilePayload HugeNumber(Random random, int index)
    {
        var json = ValidItem(index).ToJsonString();
        json = json.Replace("\"engagement\":{", "\"engagement\":{\"views\":1e400,", StringComparison.Ordinal);
        return new HostilePayload("number out of range", Encoding.UTF8.GetBytes(json), IsJson: true);
    }
}
