using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>
/// Turns ingestion's 400 problem details (errors keyed by JSON path such as "[3].publishedAt")
/// into lines that name the item where it was read ("su7.jsonl line 12: publishedAt ...").
/// </summary>
public static partial class ProblemDetailsText
{
    public static string Describe(string problemJson, IReadOnlyList<OutgoingCoverage> batch)
    {
        JsonElement problem;
        try
        {
            using var document = JsonDocument.Parse(problemJson);
            problem = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return "  " + problemJson;
        }

        var text = new StringBuilder();
        if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("title", out var title))
            text.Append("  ").AppendLine(title.ToString());
        if (problem.ValueKind != JsonValueKind.Object
            || !problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
            return text.Length > 0 ? text.ToString().TrimEnd() : "  " + problemJson;

        foreach (var error in errors.EnumerateObject())
        {
            var messages = error.Value.ValueKind == JsonValueKind.Array
                ? string.Join("; ", error.Value.EnumerateArray().Select(m => m.ToString()))
                : error.Value.ToString();
            text.Append("  ").Append(Locate(error.Name, batch)).Append(": ").AppendLine(messages);
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>The errors that name an item of the batch ("[3].publishedAt"), joined per item index.</summary>
    public static IReadOnlyDictionary<int, string> ByItem(string problemJson, int batchSize)
    {
        var byItem = new SortedDictionary<int, List<string>>();
        try
        {
            using var document = JsonDocument.Parse(problemJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
                return new Dictionary<int, string>();
            foreach (var error in errors.EnumerateObject())
            {
                var match = IndexedPath().Match(error.Name);
                if (!match.Success || !int.TryParse(match.Groups[1].Value, out var index) || index >= batchSize) continue;
                var field = match.Groups[2].Value.TrimStart('.');
                var messages = error.Value.ValueKind == JsonValueKind.Array
                    ? string.Join("; ", error.Value.EnumerateArray().Select(m => m.ToString()))
                    : error.Value.ToString();
                if (!byItem.TryGetValue(index, out var list)) byItem[index] = list = [];
                list.Add(field.Length == 0 ? messages : $"{field}: {messages}");
            }
        }
        catch (JsonException)
        {
            return new Dictionary<int, string>();
        }
        return byItem.ToDictionary(e => e.Key, e => string.Join("; ", e.Value));
    }

    /// <summary>"[3].publishedAt" -> "&lt;origin of item 3&gt; publishedAt"; other paths stay as they are.</summary>
    public static string Locate(string path, IReadOnlyList<OutgoingCoverage> batch)
    {
        var match = IndexedPath().Match(path);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out var index) || index >= batch.Count) return path;
        var field = match.Groups[2].Value.TrimStart('.');
        return field.Length == 0 ? batch[index].Origin : $"{batch[index].Origin} {field}";
    }

    [GeneratedRegex(@"^\$?\[(\d+)\](.*)$")]
    private static partial Regex IndexedPath();
}
