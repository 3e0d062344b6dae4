using System.Text.Json;
using Monitor.Contracts;
using Monitor.Feeds.Sdk;
using Monitor.Platforms;

namespace Monitor.Feeds.Replay;

/// <summary>
/// The recorded items to replay, in the order they were published: the SU7 sample directory (read
/// with SampleCorpus), or a JSONL export where each line is a CoverageReceived (camelCase) or an
/// exported event whose <c>data</c> holds one. Lines that cannot be read are kept as rejected.
/// </summary>
public sealed record ReplayCorpus(IReadOnlyList<CoverageReceived> Items, IReadOnlyList<RejectedItem> Rejected, string Source)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReplayCorpus Load(string? source, DateTimeOffset observedAt)
    {
        var path = source ?? SampleCorpus.FindDirectory();
        if (Directory.Exists(path))
        {
            var corpus = SampleCorpus.Load(path, observedAt);
            return new ReplayCorpus(Order(corpus.Items),
                corpus.Skipped.Select(s => new RejectedItem(s.PlatformId, s.Reason, s.RawJson)).ToArray(), path);
        }
        if (File.Exists(path)) return FromJsonLines(File.ReadLines(path), path);
        throw new FileNotFoundException($"MONITOR_REPLAY_SOURCE='{path}' is neither a corpus directory nor a JSONL file.", path);
    }

    public static ReplayCorpus FromJsonLines(IEnumerable<string> lines, string source)
    {
        var items = new List<CoverageReceived>();
        var rejected = new List<RejectedItem>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (item, error) = ReadLine(line);
            if (item is not null) items.Add(item);
            else rejected.Add(new RejectedItem(null, $"line {number}: {error}", line));
        }
        return new ReplayCorpus(Order(items), rejected, source);
    }

    private static (CoverageReceived? Item, string? Error) ReadLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "expected a JSON object");
            var body = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : root;
            var item = body.Deserialize<CoverageReceived>(Json);
            return Validate(item) is { } problem ? (null, problem) : (item, null);
        }
        catch (JsonException e)
        {
            return (null, $"not a coverage item: {e.Message}");
        }
    }

    private static string? Validate(CoverageReceived? item) => item switch
    {
        null => "empty item",
        { Platform: var p } when !Contracts.PlatformNames.IsKnown(p) => $"platform: '{p}' is not one of {string.Join(", ", Contracts.PlatformNames.All)}",
        { PlatformId: null or "" } => "platformId: missing",
        { Text: null } => "text: missing",
        { Author: null } => "author: missing",
        { PublishedAt: var at } when at == default => "publishedAt: missing",
        _ => null,
    };

    private static CoverageReceived[] Order(IEnumerable<CoverageReceived> items) =>
        items.Select(i => i with { Hashtags = i.Hashtags ?? [], Engagement = i.Engagement ?? Engagement.None })
            .OrderBy(i => i.PublishedAt).ThenBy(i => i.Platform, StringComparer.Ordinal).ThenBy(i => i.PlatformId, StringComparer.Ordinal)
            .ToArray();
}
