using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>
/// Reads a corpus laid out like samples/su7: <c>weibo/*.json</c> (search pages, with <c>weibo/longtext/{id}.json</c>),
/// <c>douyin/*.json</c>, <c>xiaohongshu/*.json</c> and <c>news/*.jsonl</c>.
/// </summary>
public static partial class SampleCorpus
{
    /// <summary>The feed name the corpus' items carry.</summary>
    public const string Feed = "sample-corpus";

    /// <summary>The corpus' place in the repository, relative to its root.</summary>
    public const string RepositoryPath = "samples/su7";

    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static CorpusReadResult Load(string directory, DateTimeOffset observedAt)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Sample corpus directory '{directory}' does not exist (expected a folder like {RepositoryPath} with weibo/, douyin/, xiaohongshu/ and news/)");
        var items = new List<CoverageReceived>();
        var skipped = new List<SkippedItem>();
        var weibo = new WeiboReader();
        var douyin = new DouyinReader();
        var xiaohongshu = new XiaohongshuReader();
        var news = new NewsArticleReader();
        var longText = LongTextFrom(Path.Combine(directory, "weibo", "longtext"));

        ReadPages(directory, "weibo", Monitor.Contracts.PlatformNames.Weibo, page => weibo.ReadSearchPage(page, Feed, observedAt, longText), items, skipped);
        ReadPages(directory, "douyin", Monitor.Contracts.PlatformNames.Douyin, page => douyin.ReadSearchPage(page, Feed, observedAt), items, skipped);
        ReadPages(directory, "xiaohongshu", Monitor.Contracts.PlatformNames.Xiaohongshu, page => xiaohongshu.ReadSearchPage(page, Feed, observedAt), items, skipped);

        foreach (var file in FilesIn(directory, "news", "*.jsonl"))
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            var page = news.ReadLines(reader, Feed, observedAt);
            items.AddRange(page.Items);
            skipped.AddRange(page.Skipped.Select(s => s with { Reason = $"{Relative(directory, file)}: {s.Reason}" }));
        }

        var ordered = items.OrderBy(i => i.PublishedAt).ThenBy(i => i.Platform, StringComparer.Ordinal)
            .ThenBy(i => i.PlatformId, StringComparer.Ordinal).ToList();
        return new CorpusReadResult(ordered, skipped);
    }

    /// <summary>Finds <see cref="RepositoryPath"/> by walking up from <paramref name="start"/> (default: the application's base directory).</summary>
    /// <exception cref="DirectoryNotFoundException">No parent folder holds it.</exception>
    public static string FindDirectory(string? start = null)
    {
        for (var folder = new DirectoryInfo(start ?? AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, RepositoryPath);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"No '{RepositoryPath}' folder above '{start ?? AppContext.BaseDirectory}'");
    }

    private static void ReadPages(
        string root, string folder, string platform, Func<JsonElement, PageResult> read,
        List<CoverageReceived> items, List<SkippedItem> skipped)
    {
        foreach (var file in FilesIn(root, folder, "*.json"))
        {
            var name = Relative(root, file);
            var json = File.ReadAllText(file, Encoding.UTF8);
            try
            {
                using var document = JsonDocument.Parse(json);
                var page = read(document.RootElement);
                items.AddRange(page.Items);
                skipped.AddRange(page.Skipped.Select(s => s with { Reason = $"{name}: {s.Reason}" }));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                skipped.Add(new SkippedItem(platform, null, $"{name}: {e.Message}", json.Length <= 2000 ? json : json[..2000]));
            }
        }
    }

    private static Func<string, string?> LongTextFrom(string folder) => id =>
    {
        if (!SafeId().IsMatch(id)) return null;
        var file = Path.Combine(folder, id + ".json");
        if (!File.Exists(file)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file, Encoding.UTF8));
            return WeiboReader.LongTextContent(document.RootElement);
        }
        catch (JsonException)
        {
            return null; // a broken long-text file leaves the post with the text its page shows
        }
    };

    private static IEnumerable<string> FilesIn(string root, string folder, string pattern)
    {
        var path = Path.Combine(root, folder);
        return Directory.Exists(path)
            ? Directory.GetFiles(path, pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
            : [];
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeId();
}
