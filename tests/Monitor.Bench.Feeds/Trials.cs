using System.Text;
using System.Text.Json;
using Monitor.Feeds.Sdk.Search;
using Monitor.Platforms;

namespace Monitor.Bench.Feeds;

/// <summary>Every feed document and platform page the readers are tried on: the samples, the authored tolerance cases, and generated hostile ones.</summary>
public static class Trials
{
    public sealed record Trial(string Name, Func<string> Run);

    private static readonly Uri Fetched = new("https://fetched.example.com/feed.xml");
    private static readonly Uri Searched = new("https://m.weibo.cn/api/container/getIndex");
    private static readonly DateTimeOffset ObservedAt = new(2024, 8, 1, 0, 0, 0, TimeSpan.Zero);

    public static IEnumerable<Trial> All()
    {
        foreach (var (name, bytes) in Documents())
            yield return Document(name, bytes);

        var samples = SampleCorpus.FindDirectory(AppContext.BaseDirectory);
        foreach (var (platform, read) in Readers())
            foreach (var file in Files(Path.Combine(samples, platform)).Concat(Files(Path.Combine(samples, "malformed", platform))))
                yield return Page(Path.GetRelativePath(samples, file), read, () => File.ReadAllBytes(file));

        var weibo = Readers()[0].Read;
        var firstPage = Files(Path.Combine(samples, "weibo")).First();
        foreach (var (name, answer) in SearchAnswersWithoutResults())
            yield return Page(name, weibo, answer);
        yield return Page("generated: Weibo search page cut after 300 bytes", weibo, () => File.ReadAllBytes(firstPage)[..300]);
    }

    /// <summary>What platforms answer a search with instead of results.</summary>
    private static IEnumerable<(string Name, Func<byte[]> Answer)> SearchAnswersWithoutResults()
    {
        yield return ("generated: Weibo login wall (HTML)", () => Encoding.UTF8.GetBytes(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sina Visitor System</title></head><body><script>location.href='https://passport.weibo.com/visitor/visitor'</script></body></html>"));
        yield return ("generated: captcha page (HTML)", () => Encoding.UTF8.GetBytes("<html><head><title>安全验证</title></head><body>请完成验证后继续访问</body></html>"));
        yield return ("generated: empty answer", () => []);
        yield return ("generated: plain-text error", () => "Service temporarily busy"u8.ToArray());
        yield return ("generated: Weibo 'ok':0 (请先登录)", () => Encoding.UTF8.GetBytes("""{"ok":0,"msg":"请先登录"}"""));
    }

    /// <summary>Every feed document tried: the news samples, the authored tolerance cases, and generated hostile ones.</summary>
    public static IEnumerable<(string Name, Func<byte[]> Bytes)> Documents()
    {
        var samples = SampleCorpus.FindDirectory(AppContext.BaseDirectory);
        foreach (var file in Files(Path.Combine(samples, "news", "rss")).Concat(Files(Path.Combine(samples, "malformed", "news", "rss"))))
            yield return (Path.GetRelativePath(samples, file), () => File.ReadAllBytes(file));
        foreach (var file in Files(Path.Combine(AppContext.BaseDirectory, "Documents")))
            yield return ("authored " + Path.GetFileName(file), () => File.ReadAllBytes(file));
        yield return ("generated: 100,000 nested elements", () => Rss(string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000))));
        yield return ("generated: 5 MB of unclosed <a in a description", () => Rss(Item("<description>" + string.Concat(Enumerable.Repeat("&lt;a ", 5 * 1024 * 1024 / 6)) + "</description>")));
        yield return ("generated: 450 KB unclosed <script> in a description", () => Rss(Item("<description><![CDATA[<p>开头</p><script>" + new string('x', 450 * 1024) + "]]></description>")));
        yield return ("generated: 2,000 ordinary items", () => Rss(string.Concat(Enumerable.Range(0, 2000).Select(i => Item($"<title>第{i}条</title><description>&lt;p&gt;正文 {i}&lt;/p&gt;</description>", i)))));
        yield return ("generated: 20 MB document", () => Rss(new string(' ', 20 * 1024 * 1024)));
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal) : [];

    private static (string Platform, Func<JsonElement, PageResult> Read)[] Readers() =>
    [
        ("weibo", page => new WeiboReader().ReadSearchPage(page, "bench", ObservedAt)),
        ("douyin", page => new DouyinReader().ReadSearchPage(page, "bench", ObservedAt)),
        ("xiaohongshu", page => new XiaohongshuReader().ReadSearchPage(page, "bench", ObservedAt)),
    ];

    private static byte[] Rss(string inner) => Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>bench</title>{inner}</channel></rss>");

    private static string Item(string inner, int n = 0) =>
        $"<item><link>https://bench.example.cn/{n}.html</link><pubDate>Sat, 20 Jul 2024 10:01:02 +0800</pubDate>{inner}</item>";

    private static Trial Document(string name, Func<byte[]> bytes) => new(name, () =>
    {
        try
        {
            var document = FeedDocumentReader.Read(new MemoryStream(bytes()), Fetched, null);
            return Outcome(document.Format, new FeedItemReader().ReadDocument(document, "bench", ObservedAt, ObservedAt));
        }
        catch (FeedFormatException e)
        {
            return $"refused: {Short(e.Message)}";
        }
    });

    /// <summary>A search page read as the feeds read it; one that holds no results is refused with the reason they give.</summary>
    private static Trial Page(string name, Func<JsonElement, PageResult> read, Func<byte[]> answer) => new(name, () =>
    {
        var bytes = answer();
        try
        {
            using var page = JsonDocument.Parse(bytes);
            return Outcome("page", read(page.RootElement));
        }
        catch (Exception e) when (SearchPageRefusal.Reason(Searched, bytes, e) is { } reason)
        {
            return $"refused: {Short(reason.Replace($"GET {Searched} ", ""))}";
        }
    });

    private static string Outcome(string format, PageResult result) =>
        $"{format}: read {result.Items.Count}, quarantined {result.Skipped.Count}"
        + (result.Skipped.Count > 0 ? $" ({Short(result.Skipped[0].Reason)}{(result.Skipped.Count > 1 ? ", ..." : "")})" : "");

    private static string Short(string text) => (text.Length <= 90 ? text : text[..90] + "…").Replace("|", "/").Replace("\n", " ");
}
