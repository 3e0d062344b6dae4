using System.Net;
using System.Text.Json;
using Monitor.Api.Mentions;
using Monitor.Api.Querying;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts;

namespace Monitor.Api.Tests.Querying;

public class When_searching_mentions(SampleApi sample) : IClassFixture<SampleApi>
{
    private readonly HttpClient _http = sample.Api.Client();

    /// <summary>A query string and which sample items it should match.</summary>
    public static readonly IReadOnlyDictionary<string, (string Query, Func<SampleItem, bool> Matches)> Filters =
        new Dictionary<string, (string, Func<SampleItem, bool>)>
        {
            ["one platform"] = ("platform=weibo", i => i.Platform == PlatformNames.Weibo),
            ["two platforms"] = ("platform=douyin&platform=news", i => i.Platform is PlatformNames.Douyin or PlatformNames.News),
            ["entity by id"] = ("entity=byd", i => i.Entities.Contains("byd")),
            ["entity by name, any case"] = ("entity=xiaomi%20su7", i => i.Entities.Contains("xiaomi-su7")),
            ["two entities"] = ("entity=tesla&entity=lei-jun", i => i.Entities.Contains("tesla") || i.Entities.Contains("lei-jun")),
            ["sentiment after rescoring"] = ("sentiment=negative", i => i.Label == SentimentLabels.Negative),
            ["Chinese text"] = ("q=续航", i => i.Text.Contains("续航")),
            ["English text, any case"] = ("q=battery", i => i.Text.Contains("BATTERY")),
            ["text in the title"] = ("q=%E6%8F%90%E8%BD%A6", i => (i.Title ?? "").Contains("提车")),
            ["like wildcards are literal"] = ("q=%25", i => i.Text.Contains('%')),
            ["cluster"] = ("cluster=c1", i => i.Cluster == "c1"),
            ["from, inclusive"] = ("from=2024-03-28T11:05:00Z", i => i.PublishedAt >= SampleCoverage.Start.AddMinutes(65)),
            ["to, exclusive, with an offset"] = ("to=2024-03-28T18:20:00%2B08:00", i => i.PublishedAt < SampleCoverage.Start.AddMinutes(20)),
            ["filters combined"] = ("platform=weibo&entity=xiaomi-su7&sentiment=positive", i => i.Platform == PlatformNames.Weibo && i.Entities.Contains("xiaomi-su7") && i.Label == SentimentLabels.Positive),
        };

    public static TheoryData<string> FilterNames() => new(Filters.Keys);

    [Fact]
    public async Task Should_list_every_mention_newest_first()
    {
        var page = await _http.GetAsync<Paged<MentionView>>("/api/mentions");

        Assert.Equal(SampleCoverage.Items.Count, page.Total);
        Assert.Equal(SampleCoverage.Items.OrderByDescending(i => i.PublishedAt).Select(i => i.Id), page.Items.Select(m => m.Id));
        Assert.Equal((1, Paging.DefaultPageSize), (page.Page, page.PageSize));
    }

    [Theory]
    [MemberData(nameof(FilterNames))]
    public async Task Each_filter_narrows_the_results_to_what_it_names(string name)
    {
        var (query, matches) = Filters[name];
        var expected = SampleCoverage.Effective.Where(matches).Select(i => i.Id).ToHashSet();

        var page = await _http.GetAsync<Paged<MentionView>>("/api/mentions?pageSize=500&" + query);

        Assert.NotEmpty(expected);
        Assert.True(expected.Count < SampleCoverage.Items.Count, $"the case '{name}' does not narrow anything");
        Assert.Equal(expected.Order(), page.Items.Select(m => m.Id).Order());
        Assert.Equal(expected.Count, page.Total);
    }

    [Fact]
    public async Task Pages_cover_every_match_once_and_agree_on_the_total()
    {
        var pages = new List<Paged<MentionView>>();
        for (var p = 1; p <= 3; p++) pages.Add(await _http.GetAsync<Paged<MentionView>>($"/api/mentions?pageSize=4&page={p}"));
        var beyond = await _http.GetAsync<Paged<MentionView>>("/api/mentions?pageSize=4&page=4");

        Assert.All(pages, p => Assert.Equal(SampleCoverage.Items.Count, p.Total));
        Assert.Equal([4, 4, 3], pages.Select(p => p.Items.Count));
        Assert.Equal(SampleCoverage.Items.Select(i => i.Id).Order(), pages.SelectMany(p => p.Items).Select(m => m.Id).Order());
        Assert.Empty(beyond.Items);
        Assert.Equal(SampleCoverage.Items.Count, beyond.Total);
    }

    [Fact]
    public async Task A_mention_shows_the_latest_score_counts_and_what_extraction_found()
    {
        var page = await _http.GetAsync<Paged<MentionView>>("/api/mentions?pageSize=500");
        var rescored = page.Items.Single(m => m.Id == SampleCoverage.Item(SampleCoverage.RescoredKey).Id);
        var updated = page.Items.Single(m => m.Id == SampleCoverage.Item(SampleCoverage.UpdatedKey).Id);
        var unscored = page.Items.Single(m => m.Id == SampleCoverage.Item("w5").Id);
        var news = page.Items.Single(m => m.Id == SampleCoverage.Item("n1").Id);

        Assert.Equal((SampleCoverage.RescoredLabel, SampleCoverage.RescoredScore, "test-v2"), (rescored.Sentiment!.Label, rescored.Sentiment.Score, rescored.Sentiment.ModelVersion));
        Assert.Equal("延迟", Assert.Single(rescored.Sentiment.Phrases).Text);
        Assert.Equal(SampleCoverage.UpdatedFollowers, updated.AuthorFollowers);
        Assert.Null(unscored.Sentiment);
        Assert.Equal(["Xiaomi SU7", "Xiaomi"], news.Entities.Select(e => e.Name));
        Assert.Equal(("en", "c6", 50_000L), (news.Language, news.ClusterId, news.Reach));
        Assert.Equal(SampleCoverage.Item("n1").Text, news.Snippet);
        Assert.Equal(SampleCoverage.Item("n1").PublishedAt, news.PublishedAt);
    }

    [Fact]
    public async Task Items_have_the_fields_the_dashboard_reads()
    {
        var json = await _http.GetJsonAsync("/api/mentions?platform=news&pageSize=1");
        var item = json.GetProperty("items")[0];

        Assert.Equal(["items", "page", "pageSize", "total"], json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var field in new[] { "id", "platform", "url", "author", "authorFollowers", "publishedAt", "title", "snippet", "language", "entities", "keywords", "clusterId", "reach", "sentiment" })
            Assert.True(item.TryGetProperty(field, out _), $"a mention has no '{field}'");
        foreach (var field in new[] { "label", "score", "confidence", "modelVersion", "phrases" })
            Assert.True(item.GetProperty("sentiment").TryGetProperty(field, out _), $"a mention's sentiment has no '{field}'");
        Assert.Equal(JsonValueKind.String, item.GetProperty("entities")[0].GetProperty("type").ValueKind);
        Assert.Equal(JsonValueKind.Number, item.GetProperty("sentiment").GetProperty("phrases")[0].GetProperty("weight").ValueKind);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2024-13-01", "to")]
    [InlineData("from=2024-03-29T00:00:00Z&to=2024-03-28T00:00:00Z", "to")]
    [InlineData("platform=twitter", "platform")]
    [InlineData("sentiment=angry", "sentiment")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("page=2147483647", "page")]
    [InlineData("page=2001&pageSize=50", "page")]
    [InlineData("q=%00", "q")]
    [InlineData("q=su7%1b%5B31m", "q")]
    [InlineData("entity=xiaomi%00", "entity")]
    [InlineData("cluster=c%001", "cluster")]
    [InlineData("from=0001-01-01T00:00:00Z", "from")]
    [InlineData("from=1989-12-31T23:59:59Z", "from")]
    [InlineData("to=9999-12-31T23:59:59Z", "to")]
    public async Task A_bad_parameter_gets_a_problem_naming_it(string query, string field)
    {
        using var response = await _http.GetAsync("/api/mentions?" + query);
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, problem.Status);
        Assert.Equal([field], problem.Fields);
        Assert.Contains(field, problem.Title);
    }
}
