using System.Text.Json;
using Monitor.Contracts;
using Monitor.Platforms;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>
/// Reads what `monitor ingest` sends: a sample corpus directory (samples/su7 layout, read with the
/// platform readers) or a JSONL file with one CoverageReceived object per line.
/// </summary>
public static class CoverageSource
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CoverageInput Load(string path, DateTimeOffset observedAt)
    {
        if (Directory.Exists(path)) return FromCorpus(path, observedAt);
        if (!File.Exists(path))
            throw new PipelineCommandException(ExitCodes.Usage,
                $"'{path}' is neither a directory (a sample corpus such as samples/su7) nor a file (JSONL or CSV of CoverageReceived)");
        var input = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? CsvCoverageReader.Read(path) : ReadJsonLines(path);
        if (input.Items.Count == 0)
            throw new PipelineCommandException(ExitCodes.Usage, $"'{path}' holds no coverage item that can be read" +
                (input.Rejected.Count > 0 ? ":" + Environment.NewLine + string.Join(Environment.NewLine, input.Rejected.Take(5).Select(r => "  " + r)) : ""));
        return input;
    }

    public static CoverageInput FromCorpus(string directory, DateTimeOffset observedAt)
    {
        var corpus = SampleCorpus.Load(directory, observedAt);
        var items = corpus.Items
            .Select(item => new OutgoingCoverage(
                CoverageIdentity.For(item.Platform, item.PlatformId, item.Url),
                item.Platform,
                $"{item.Platform} {item.PlatformId}",
                JsonSerializer.SerializeToElement(item, Json)))
            .ToList();
        if (items.Count == 0)
            throw new PipelineCommandException(ExitCodes.Usage,
                $"'{directory}' holds no coverage items the platform readers recognise (expected weibo/, douyin/, xiaohongshu/ or news/ files)");
        var skipped = corpus.Skipped.Select(s => new RejectedRow($"{s.Platform} {s.PlatformId ?? "(no id)"}", s.Platform, s.Reason)).ToList();
        return new CoverageInput($"sample corpus {directory}", items, skipped);
    }

    /// <summary>A JSONL file, one CoverageReceived per line; a line that cannot be read is rejected with its number, the rest are read.</summary>
    public static CoverageInput ReadJsonLines(string file)
    {
        var items = new List<OutgoingCoverage>();
        var rejected = new List<RejectedRow>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var origin = $"{Path.GetFileName(file)} line {lineNumber}";
            try
            {
                items.Add(ReadLine(line, origin));
            }
            catch (PipelineCommandException e)
            {
                rejected.Add(new RejectedRow(origin, null, e.Message[(origin.Length + 2)..]));
            }
        }
        return new CoverageInput($"JSONL file {file}", items, rejected);
    }

    /// <summary>A JSONL file read all or nothing: the first line that cannot be read is a usage error naming it.</summary>
    public static CoverageInput FromJsonLines(string file)
    {
        var input = ReadJsonLines(file);
        if (input.Rejected.Count > 0) throw new PipelineCommandException(ExitCodes.Usage, input.Rejected[0].ToString());
        if (input.Items.Count == 0) throw new PipelineCommandException(ExitCodes.Usage, $"'{file}' holds no JSON lines");
        return input;
    }

    /// <summary>
    /// Checks only what the CLI needs to follow the item (its identity); ingestion validates the
    /// rest and its answer names every invalid field.
    /// </summary>
    public static OutgoingCoverage ReadLine(string line, string origin)
    {
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(line);
            json = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new PipelineCommandException(ExitCodes.Usage, $"{origin}: not valid JSON ({e.Message})");
        }
        if (json.ValueKind != JsonValueKind.Object)
            throw new PipelineCommandException(ExitCodes.Usage, $"{origin}: expected a CoverageReceived object, found {json.ValueKind}");
        try
        {
            // An escaped lone surrogate ("\ud83d") parses, but no JSON writer can send it on.
            JsonSerializer.SerializeToUtf8Bytes(json);
        }
        catch (JsonException e) when (e.InnerException is InvalidOperationException)
        {
            throw new PipelineCommandException(ExitCodes.Usage, $"{origin}: a string holds an unpaired surrogate; the line is not valid Unicode");
        }

        var platform = RequiredString(json, "platform", origin);
        if (!Monitor.Contracts.PlatformNames.IsKnown(platform))
            throw new PipelineCommandException(ExitCodes.Usage,
                $"{origin}: platform '{platform}' is not one of {string.Join(", ", Monitor.Contracts.PlatformNames.All)}");
        var platformId = RequiredString(json, "platformId", origin);
        var url = json.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
        return new OutgoingCoverage(CoverageIdentity.For(platform, platformId, url), platform, origin, json);
    }

    private static string RequiredString(JsonElement json, string name, string origin) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new PipelineCommandException(ExitCodes.Usage, $"{origin}: \"{name}\" is missing or not a non-empty string");
}
