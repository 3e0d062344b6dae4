using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Feeds.Sdk.Http;
using Monitor.Feeds.Sdk.Testing;
using Xunit;

namespace Monitor.Feeds.Template.Tests;

public sealed class When_the_feed_reads_its_source : IAsyncLifetime
{
    private WebApplication _source = null!;
    private Uri _baseUrl = null!;

    /// <summary>A stand-in for the source on 127.0.0.1: two pages, the second holding a malformed item.</summary>
    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _source = builder.Build();
        _source.MapGet("/items", (string? after) => Results.Text(string.IsNullOrEmpty(after)
            ? """{"items":[{"id":"1","url":"https://news.example.com/a","title":"A","text":"first","publishedAt":"2024-07-19T19:00:00+08:00","likes":3}],"next":"p2"}"""
            : """{"items":[{"id":"2","url":"https://news.example.com/b","text":"second","publishedAt":"soon"},{"id":"3","url":"https://news.example.com/c","text":"third","publishedAt":"2024-07-20T08:00:00Z"}]}""",
            "application/json"));
        await _source.StartAsync();
        var address = _source.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task DisposeAsync() => await _source.DisposeAsync();

    [Fact]
    public async Task Should_publish_good_items_in_utc_and_quarantine_the_malformed_one()
    {
        var settings = new FeedSettings { Name = "template-feed", BaseUrl = _baseUrl, RequestSpacing = TimeSpan.Zero };
        var http = new FeedHttpClient(new HttpClient(), new RequestGate(TimeSpan.Zero, TimeProvider.System), settings,
            TimeProvider.System, NullLogger<FeedHttpClient>.Instance);
        var run = new FeedRun(new TemplateFeed(http, settings), settings);

        var result = await run.CycleAsync();

        Assert.Equal(2, result.Pages);
        Assert.Equal(["https://news.example.com/a", "https://news.example.com/c"], run.Publisher.Published.Select(i => i.Url));
        Assert.Equal(new DateTimeOffset(2024, 7, 19, 11, 0, 0, TimeSpan.Zero), run.Publisher.Published.First().PublishedAt);
        var quarantined = Assert.Single(run.Journal.Quarantined);
        Assert.Equal("2", quarantined.PlatformId);
        Assert.Contains("publishedAt", quarantined.Reason);
    }
}
