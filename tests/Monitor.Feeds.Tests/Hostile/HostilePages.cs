using System.Text;

namespace Monitor.Feeds.Tests.Hostile;

/// <summary>
/// Pages of a good item, a hostile one and another good one, as bytes: the marker <see cref="InvalidUtf8"/> in a
/// field's JSON stands for bytes that are not UTF-8 at all.
/// </summary>
public static class HostilePages
{
    public const string InvalidUtf8 = "@@INVALID-UTF8@@";

    private static readonly byte[] NotUtf8 = [0xC3, 0x28, 0xFF, 0xFE];

    public static byte[] Bytes(string json)
    {
        var parts = json.Split(InvalidUtf8);
        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) bytes.AddRange(NotUtf8);
            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }
        return bytes.ToArray();
    }

    /// <summary>A JSON object from raw JSON values, with <paramref name="overrides"/> replacing or adding fields.</summary>
    public static string Object(IEnumerable<KeyValuePair<string, string>> fields, string field, string rawValue)
    {
        var all = fields.ToDictionary(f => f.Key, f => f.Value);
        all[field] = rawValue;
        return "{" + string.Join(",", all.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }
}
