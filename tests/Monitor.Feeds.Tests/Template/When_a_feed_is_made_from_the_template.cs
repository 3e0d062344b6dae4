using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Journal;
using Monitor.Feeds.Tests.Support;
using Monitor.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Monitor.Feeds.Tests.Template;

/// <summary>
/// The template end to end: install it into a private hive, make a feed inside the repository tree
/// (so the repository's build and package settings apply), build it and run its generated test, then
/// start it next to ingestion and see its items ingested, with no change to any other service.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class When_a_feed_is_made_from_the_template(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private readonly string _work = Path.Combine(Repo.Root, ".monitor", "template-test", Guid.NewGuid().ToString("N")[..8]);
    private readonly PostgresSchema _schema = new();
    private readonly RabbitMqVhost _vhost = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await _schema.InitializeAsync();
        await _vhost.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _vhost.DisposeAsync();
        await _schema.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    private async Task DotnetAsync(params string[] arguments)
    {
        await using var process = ServiceProcess.Start("dotnet " + string.Join(' ', arguments.Take(2)), "dotnet", arguments, workingDirectory: _work);
        var exit = await process.WaitForExitAsync(CommandTimeout);
        output.WriteLine(process.Output);
        Assert.True(exit == 0, $"dotnet {string.Join(' ', arguments)} exited with {exit}");
    }

    [Fact]
    public async Task Should_build_pass_its_own_test_and_join_a_running_system()
    {
        var hive = Path.Combine(_work, "hive");
        var feedDir = Path.Combine(_work, "Acme");
        await DotnetAsync("new", "install", Path.Combine(Repo.Root, "templates", "monitor-feed"), "--debug:custom-hive", hive);
        await DotnetAsync("new", "monitor-feed", "-n", "Monitor.Feeds.Acme", "--feed", "acme", "--port", "5118", "-o", feedDir, "--debug:custom-hive", hive);
        Assert.True(File.Exists(Path.Combine(feedDir, "Monitor.Feeds.Acme.csproj")));
        Assert.Contains("\"acme\"", await File.ReadAllTextAsync(Path.Combine(feedDir, "Program.cs")));

        await DotnetAsync("test", Path.Combine(feedDir, "Tests", "Monitor.Feeds.Acme.Tests.csproj"), "-c", Repo.Configuration, "--nologo");

        // Join: the new feed and ingestion as processes on the test's database and broker.
        await using var source = await LocalSourceServer.StartAsync(app => app.MapGet("/items", () => Results.Text(
            """{"items":[{"id":"1","url":"https://acme.example.com/su7-review","title":"SU7 review","text":"小米SU7 试驾","publishedAt":"2024-07-19T19:00:00+08:00"},{"id":"2","url":"not a url"}]}""",
            "application/json")));
        var ingestionPort = Repo.FreePort();
        var feedPort = Repo.FreePort();
        await using var ingestion = ServiceProcess.StartService("ingestion", Repo.ServiceDll("services/Ingestion", "Monitor.Ingestion"),
            ServiceEnvironment.For(_schema, _vhost, ingestionPort));
        await ingestion.WaitReadyAsync(new Uri($"http://127.0.0.1:{ingestionPort}"), TimeSpan.FromSeconds(90));
        var feedEnvironment = ServiceEnvironment.For(_schema, _vhost, feedPort);
        feedEnvironment["MONITOR_FEED_BASE_URL"] = source.BaseUri.ToString();
        feedEnvironment["MONITOR_FEED_INTERVAL"] = "1s";
        await using var feed = ServiceProcess.StartService("acme", Path.Combine(feedDir, "bin", Repo.Configuration, "net10.0", "Monitor.Feeds.Acme.dll"), feedEnvironment);
        try
        {
            await feed.WaitReadyAsync(new Uri($"http://127.0.0.1:{feedPort}"), TimeSpan.FromSeconds(90));
            var stream = CoverageIdentity.For(Contracts.PlatformNames.News, "https://acme.example.com/su7-review", "https://acme.example.com/su7-review");
            var ingested = await Eventually.HoldsAsync(async () =>
                (await EventQueries.StreamTypesAsync(_schema, stream)).Contains("coverage-ingested"), TimeSpan.FromSeconds(60));
            Assert.True(ingested, "the template feed's item was not ingested");
            Assert.Contains(FeedEventTypes.FeedRegistered, await EventQueries.StreamTypesAsync(_schema, FeedStreams.Feed("acme")));
            Assert.Equal([FeedEventTypes.FeedItemQuarantined], await EventQueries.StreamTypesAsync(_schema, FeedStreams.Quarantine("acme")));
        }
        finally
        {
            output.WriteLine(feed.Output);
            output.WriteLine(ingestion.Output);
        }
    }
}
