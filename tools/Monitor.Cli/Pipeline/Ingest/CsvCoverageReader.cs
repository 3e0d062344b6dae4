using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Contracts;
using Monitor.Platforms;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>
/// Reads coverage from a CSV file whose header names CoverageReceived's fields: platform, platformId, url,
/// title, text, publishedAt, hashtags, region, feed, observedAt, author.id, author.name, author.followers,
/// author.verified and engagement.likes / comments / shares / views / collects (case, dots, dashes and
/// underscores in names are ignored; the engagement counts may also be named alone, e.g. "likes").
/// A row that cannot be read is rejected with its line and reason; the other rows are read.
/// </summary>
public static class CsvCoverageReader
{
    private static readonly Dictionary<string, string> Columns = new()
    {
        ["platform"] = "platform", ["platformid"] = "platformId", ["url"] = "url", ["title"] = "title", ["text"] = "text",
        ["publishedat"] = "publishedAt", ["hashtags"] = "hashtags", ["region"] = "region", ["feed"] = "feed", ["observedat"] = "observedAt",
        ["authorid"] = "author.id", ["authorname"] = "author.name", ["authorfollowers"] = "author.followers", ["authorverified"] = "author.verified",
        ["engagementlikes"] = "engagement.likes", ["likes"] = "engagement.likes",
        ["engagementcomments"] = "engagement.comments", ["comments"] = "engagement.comments",
        ["engagementshares"] = "engagement.shares", ["shares"] = "engagement.shares",
        ["engagementviews"] = "engagement.views", ["views"] = "engagement.views",
        ["engagementcollects"] = "engagement.collects", ["collects"] = "engagement.collects",
    };

    public static CoverageInput Read(string file)
    {
        using var reader = new StreamReader(file);
        return Read(reader, Path.GetFileName(file), $"CSV file {file}");
    }

    public static CoverageInput Read(TextReader reader, string name, string description)
    {
        var items = new List<OutgoingCoverage>();
        var rejected = new List<RejectedRow>();
        string[]? header = null;
        try
        {
            foreach (var record in CsvRecords.Read(reader))
            {
                if (header is null)
                {
                    header = Header(record, name);
                    continue;
                }
                var origin = $"{name} line {record.Line}";
                try
                {
                    items.Add(Row(header, record, origin));
                }
                catch (FormatException e)
                {
                    rejected.Add(new RejectedRow(origin, Value(header, record, "platform"), e.Message));
                }
            }
        }
        catch (FormatException e)
        {
            // Only an unclosed quote gets here: the rest of the file is one broken field.
            rejected.Add(new RejectedRow($"{name} {e.Message.Split(':')[0]}", null, e.Message[(e.Message.IndexOf(':') + 2)..]));
        }
        if (header is null) throw new PipelineCommandException(ExitCodes.Usage, $"'{name}' is empty: a CSV file needs a header row naming CoverageReceived's fields");
        return new CoverageInput(description, items, rejected);
    }

    private static string[] Header(CsvRecord record, string name)
    {
        var header = new string[record.Fields.Count];
        for (var i = 0; i < header.Length; i++)
        {
            var key = new string(record.Fields[i].Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
            header[i] = Columns.TryGetValue(key, out var field)
                ? field
                : throw new PipelineCommandException(ExitCodes.Usage,
                    $"{name} line {record.Line}: column '{record.Fields[i]}' is not a CoverageReceived field; use {string.Join(", ", Columns.Values.Distinct())}");
        }
        foreach (var duplicate in header.GroupBy(h => h).Where(g => g.Count() > 1))
            throw new PipelineCommandException(ExitCodes.Usage, $"{name} line {record.Line}: column {duplicate.Key} appears twice");
        foreach (var required in new[] { "platform", "platformId", "text", "publishedAt" }.Where(r => !header.Contains(r)))
            throw new PipelineCommandException(ExitCodes.Usage, $"{name} line {record.Line}: the header has no '{required}' column");
        return header;
    }

    private static OutgoingCoverage Row(string[] header, CsvRecord record, string origin)
    {
        if (record.Fields.Count != header.Length)
            throw new FormatException($"has {record.Fields.Count} fields where the header has {header.Length}");
        string? Get(string field) => Value(header, record, field);

        var platform = Get("platform") ?? throw new FormatException("platform: missing");
        if (!PlatformNames.IsKnown(platform)) throw new FormatException($"platform: '{platform}' is not one of {string.Join(", ", PlatformNames.All)}");
        var platformId = Get("platformId") ?? throw new FormatException("platformId: missing");
        var url = Get("url") ?? "";

        var json = new JsonObject
        {
            ["platform"] = platform,
            ["platformId"] = platformId,
            ["url"] = url,
            ["title"] = Get("title"),
            ["text"] = Get("text") ?? "",
            ["author"] = new JsonObject
            {
                ["id"] = Get("author.id") ?? "",
                ["name"] = Get("author.name") ?? "",
                ["followers"] = Count(Get("author.followers"), "author.followers"),
                ["verified"] = Flag(Get("author.verified"), "author.verified"),
            },
            ["publishedAt"] = Time(Get("publishedAt"), "publishedAt") ?? throw new FormatException("publishedAt: missing"),
            ["engagement"] = new JsonObject
            {
                ["likes"] = Count(Get("engagement.likes"), "engagement.likes"),
                ["comments"] = Count(Get("engagement.comments"), "engagement.comments"),
                ["shares"] = Count(Get("engagement.shares"), "engagement.shares"),
                ["views"] = Count(Get("engagement.views"), "engagement.views"),
                ["collects"] = Count(Get("engagement.collects"), "engagement.collects"),
            },
            ["hashtags"] = new JsonArray((Get("hashtags") ?? "")
                .Split([';', '|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => (JsonNode?)JsonValue.Create(t.Trim('#'))).ToArray()),
            ["region"] = Get("region"),
        };
        if (Get("feed") is { } feed) json["feed"] = feed;
        if (Time(Get("observedAt"), "observedAt") is { } observed) json["observedAt"] = observed;
        var element = JsonSerializer.SerializeToElement(json);
        return new OutgoingCoverage(CoverageIdentity.For(platform, platformId, url), platform, origin, element);
    }

    private static string? Value(string[] header, CsvRecord record, string field)
    {
        var index = Array.IndexOf(header, field);
        return index >= 0 && index < record.Fields.Count && record.Fields[index].Trim() is { Length: > 0 } text ? text : null;
    }

    private static long? Count(string? text, string field)
    {
        try
        {
            return PlatformCount.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{field}: {e.Message}");
        }
    }

    private static bool Flag(string? text, string field) => text?.ToLowerInvariant() switch
    {
        null or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw new FormatException($"{field}: '{text}' is not true or false"),
    };

    /// <summary>ISO 8601 (a time without an offset is UTC) or Unix seconds / milliseconds.</summary>
    private static DateTimeOffset? Time(string? text, string field)
    {
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            return epoch > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        throw new FormatException($"{field}: '{text}' is not a date and time (use ISO 8601 such as 2024-03-28T19:00:00+08:00, or Unix seconds)");
    }
}
