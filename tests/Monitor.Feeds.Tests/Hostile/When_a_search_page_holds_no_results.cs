using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Contracts;
using Monitor.Feeds.Douyin;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Hosting;
using Monitor.Feeds.Sdk.Http;
using Monitor.Feeds.Sdk.Polling;
using Monitor.Feeds.Sdk.Testing;
using Monitor.Feeds.Tests.Support;
using Monitor.Feeds.Weibo;
using Monitor.Feeds.Xiaohongshu;
using Xunit;

namespace Monitor.Feeds.Tests.Hostile;

/// <summary>
/// The first keyword's search answers what real platforms answer instead of results; the second keyword answers
/// results. The page is refused with its reason, the other keyword is read and published, the next cycle asks again.
/// </summary>
public sealed class When_a_search_page_holds_no_results
{
    private const string Walled = "被拦截";
    private const string Readable = "小米SU7";
    private const string LaunchP2 = "weibo/search-20240328-launch-p2.json";
    private const string EmptyPage = """{"ok":1,"data":{"cards":[]}}""";

    public static TheoryData<string, string> Answers => new()
    {
        { "login wall", "answered HTML, not JSON (a login wall or captcha page?): 'Sina Visitor System'" },
        { "captcha", "answered HTML, not JSON (a login wall or captcha page?): '安全验证'" },
        { "truncated", "answered JSON that is cut short or broken" },
        { "empty", "answered an empty page, not JSON" },
        { "plain text", "did not answer JSON" },
        { "platform error", "answered no results: Weibo page: 'ok' is 0 (请先登录)" },
        { "forbidden", "answered 403 Forbidden" },
        { "oversized", $"more than the {FeedHttpClient.MaxResponseBytes / (1024 * 1024)} MB a feed reads" },
    };

    private static IResult Answer(string kind) => kind switch
    {
        "login wall" => Results.Text(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sina Visitor System</title></head><body><script>location.href='https://passport.weibo.com/visitor/visitor'</script></body></html>",
            "text/html"),
        "captcha" => Results.Text("\n  <html><head><title>安全验证</title></head><body>请完成验证后继续访问<form>…</form></body></html>", "text/html; charset=utf-8"),
        "truncated" => Results.Text(Samples.Text(LaunchP2)[..300], "application/json"),
        "empty" => Results.Text("", "application/json"),
        "plain text" => Results.Text("Service temporarily busy, come back later", "text/plain"),
        "platform error" => Results.Text("""{"ok":0,"msg":"请先登录","data":{"url":"https://passport.weibo.cn/signin/login"}}""", "application/json"),
        "forbidden" => Results.Text("<html><title>403</title></html>", "text/html", statusCode: StatusCodes.Status403Forbidden),
        "oversized" => Results.Bytes(new byte[FeedHttpClient.MaxResponseBytes + 1], "application/json"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Answers <paramref name="wall"/> to the walled keyword while <paramref name="walled"/> says so, results otherwise.</summary>
    private static Task<LocalSourceServer> Weibo(string wall, Func<bool> walled) => LocalSourceServer.StartAsync(app =>
        app.MapGet("/api/container/getIndex", (string containerid, int page) =>
        {
            if (page > 1) return Results.Text(EmptyPage, "application/json");
            if (containerid.EndsWith("q=" + Walled, StringComparison.Ordinal) && walled()) return Answer(wall);
            return Results.Text(Samples.Text(LaunchP2), "application/json");
        }));

    private static FeedRun Run(LocalSourceServer server, out FeedSettings settings)
    {
        settings = new FeedSettings
        {
            Name = "weibo-walled", BaseUrl = server.BaseUri, Keywords = [Walled, Readable], RequestSpacing = TimeSpan.Zero, Retries = 1,
        };
        return new FeedRun(new WeiboFeed(Clients.Create(settings), settings, NullLogger<WeiboFeed>.Instance), settings);
    }

    private static int SearchesFor(LocalSourceServer server, string keyword) =>
        server.Requests.Count(r => r.Path == "/api/container/getIndex" && Uri.UnescapeDataString(r.Query).Contains("q=" + keyword, StringComparison.Ordinal)
                                                                       && r.Query.EndsWith("page=1", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Should_refuse_the_page_with_its_reason_read_the_other_keyword_and_ask_again_next_cycle(string answer, string reason)
    {
        var walled = true;
        await using var server = await Weibo(answer, () => Volatile.Read(ref walled));
        var run = Run(server, out _);

        var first = await run.CycleAsync();

        var readable = run.Publisher.Published.Select(p => p.PlatformId).ToList();
        Assert.NotEmpty(readable);
        Assert.Equal((1, 1), (first.PagesRefused, first.Quarantined));
        Assert.Contains(reason, first.LastPageRefused);
        var refused = Assert.Single(run.Journal.Quarantined);
        Assert.Equal(first.LastPageRefused, refused.Reason);
        Assert.Contains("/api/container/getIndex", refused.PlatformId);
        Assert.Contains("q=" + Walled, Uri.UnescapeDataString(refused.PlatformId!));
        var steps = run.Journal.Events.OfType<FeedCursorAdvanced>().ToList();
        Assert.Equal((0, 1), (steps[0].Published, steps[0].Quarantined));
        Assert.StartsWith("1|", steps[0].To); // past the walled keyword, on to the next
        Assert.Null(run.Journal.Cursor);

        Volatile.Write(ref walled, false);
        var second = await run.CycleAsync();

        Assert.Equal(2, SearchesFor(server, Walled));
        Assert.Equal((0, 0), (second.PagesRefused, second.Quarantined));
        Assert.Equal(readable.Count * 3, run.Publisher.Published.Count); // the walled keyword's results, then the other's again
    }

    [Fact]
    public async Task Should_report_the_refused_page_in_health_and_the_heartbeat_until_a_cycle_reads_it()
    {
        var walled = true;
        await using var server = await Weibo("captcha", () => Volatile.Read(ref walled));
        var run = Run(server, out var settings);
        var status = new FeedStatus();
        status.Registered();
        var health = new FeedHealthCheck(status);

        status.Succeeded(await run.CycleAsync(), DateTimeOffset.UtcNow);
        var refusedHealth = await health.CheckHealthAsync(new HealthCheckContext());
        Volatile.Write(ref walled, false);
        status.Succeeded(await run.CycleAsync(), DateTimeOffset.UtcNow);
        var readHealth = await health.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, refusedHealth.Status);
        Assert.StartsWith("1 pages refused in the last cycle: GET ", refusedHealth.Description);
        Assert.Contains("'安全验证'", refusedHealth.Description);
        Assert.Equal(HealthStatus.Healthy, readHealth.Status);
        Assert.Equal(1L, readHealth.Data["pagesRefused"]);
        Assert.Equal(settings.Name, run.Journal.Quarantined.Single().Feed);
    }

    [Fact]
    public async Task Should_keep_the_start_of_the_answer_with_the_refused_page()
    {
        await using var server = await Weibo("login wall", () => true);
        var run = Run(server, out _);

        await run.CycleAsync();

        var raw = Assert.Single(run.Journal.Quarantined).Raw;
        Assert.StartsWith("<!DOCTYPE html>", raw);
        Assert.Contains("passport.weibo.com", raw);
        Assert.True(Encoding.UTF8.GetByteCount(raw) <= Monitor.Feeds.Sdk.RefusedPage.RawExcerptBytes + 3);
    }

    [Fact]
    public async Task Should_refuse_a_douyin_captcha_page_and_a_xiaohongshu_login_error_the_same_way()
    {
        await using var server = await LocalSourceServer.StartAsync(app =>
        {
            app.MapGet("/aweme/v1/web/search/item/", (string keyword) => keyword == Walled
                ? Results.Text("<html><head><title>验证码中间页</title></head><body></body></html>", "text/html")
                : Results.Text(Samples.Text("douyin/search-20240425-zgc-forum.json"), "application/json"));
            app.MapGet("/api/sns/web/v1/search/notes", (string keyword) => keyword == Walled
                ? Results.Text("""{"code":-100,"success":false,"msg":"登录已过期"}""", "application/json")
                : Results.Text(Samples.Text("xiaohongshu/search-20240425-zgc-forum.json"), "application/json"));
        });
        var douyinSettings = new FeedSettings { Name = "douyin-walled", BaseUrl = server.BaseUri, Keywords = [Walled, Readable], RequestSpacing = TimeSpan.Zero, Retries = 1 };
        var xhsSettings = douyinSettings with { Name = "xhs-walled" };
        var douyin = new FeedRun(new DouyinFeed(Clients.Create(douyinSettings), douyinSettings), douyinSettings);
        var xiaohongshu = new FeedRun(new XiaohongshuFeed(Clients.Create(xhsSettings), xhsSettings), xhsSettings);

        var douyinCycle = await douyin.CycleAsync();
        var xiaohongshuCycle = await xiaohongshu.CycleAsync();

        Assert.Contains("answered HTML, not JSON (a login wall or captcha page?): '验证码中间页'", douyinCycle.LastPageRefused);
        Assert.Contains("answered no results: Xiaohongshu page: 'success' is false (登录已过期)", xiaohongshuCycle.LastPageRefused);
        Assert.Equal((1, 1), (douyinCycle.PagesRefused, xiaohongshuCycle.PagesRefused));
        Assert.NotEmpty(douyin.Publisher.Published);
        Assert.NotEmpty(xiaohongshu.Publisher.Published);
    }

    [Fact]
    public async Task Should_refuse_a_page_whose_answer_still_ends_before_its_content_length_after_the_retries()
    {
        using var server = new CuttingServer(Samples.Text(LaunchP2), cut: query => Uri.UnescapeDataString(query).Contains("q=" + Walled, StringComparison.Ordinal));
        var settings = new FeedSettings { Name = "weibo-cut", BaseUrl = server.BaseUri, Keywords = [Walled, Readable], RequestSpacing = TimeSpan.Zero, Retries = 1 };
        var run = new FeedRun(new WeiboFeed(Clients.Create(settings), settings, NullLogger<WeiboFeed>.Instance), settings);

        var cycle = await run.CycleAsync();

        Assert.Contains("answered a page cut short", cycle.LastPageRefused);
        Assert.Equal(1, cycle.PagesRefused);
        Assert.NotEmpty(run.Publisher.Published);
        Assert.Equal(2, server.CutAnswers); // the first attempt and its retry
    }

    /// <summary>
    /// A bare HTTP/1.1 server on 127.0.0.1: it answers <paramref name="page"/> whole, or, for requests <c>cut</c> picks,
    /// promises it in Content-Length, sends its first 300 bytes and closes the connection cleanly, as a proxy that
    /// gives up mid-answer does.
    /// </summary>
    private sealed class CuttingServer : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(1));
        private int _cutAnswers;

        public CuttingServer(string page, Func<string, bool> cut)
        {
            _listener.Start();
            BaseUri = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = Task.Run(() => ServeAsync(Encoding.UTF8.GetBytes(page), cut));
        }

        public Uri BaseUri { get; }

        public int CutAnswers => Volatile.Read(ref _cutAnswers);

        private async Task ServeAsync(byte[] page, Func<string, bool> cut)
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && request.Length < 64 * 1024)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0) break;
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var target = request.ToString().Split(' ') is [_, var path, ..] ? path : "";
                var cutting = cut(target);
                if (cutting) Interlocked.Increment(ref _cutAnswers);
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {page.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, _stop.Token);
                await stream.WriteAsync(page.AsMemory(0, cutting ? 300 : page.Length), _stop.Token);
                client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
