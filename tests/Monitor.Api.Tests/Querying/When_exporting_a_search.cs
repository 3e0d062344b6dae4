using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Api.Tests.Infrastructure;

namespace Monitor.Api.Tests.Querying;

public class When_exporting_a_search(SampleApi sample) : IClassFixture<SampleApi>
{
    private const string Search = "platform=news&platform=xiaohongshu&platform=weibo&from=2024-03-28T10:00:00Z";

    private readonly HttpClient _http = sample.Api.Client();

    private async Task<JsonArray> ListedAsync()
    {
        var listed = JsonNode.Parse((await _http.GetJsonAsync("/api/mentions?pageSize=500&" + Search)).GetRawText())!;
        var items = listed["items"]!.AsArray();
        Assert.Equal(listed["total"]!.GetValue<long>(), items.Count);
        return items;
    }

    [Fact]
    public async Task Json_lines_hold_exactly_the_listed_mentions_with_their_whole_text()
    {
        var listed = await ListedAsync();

        using var response = await _http.GetAsync("/api/mentions/export?format=jsonl&" + Search);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("", lines[^1]);
        var exported = lines[..^1].Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Equal(listed.Count, exported.Length);
        for (var i = 0; i < exported.Length; i++)
        {
            var id = exported[i]["id"]!.GetValue<Guid>();
            Assert.Equal(SampleCoverage.Items.Single(x => x.Id == id).Text, exported[i]["text"]!.GetValue<string>());
            exported[i].Remove("text");
            Assert.True(JsonNode.DeepEquals(listed[i], exported[i]), $"line {i + 1} differs from the listed mention:\n{listed[i]}\n{exported[i]}");
        }
    }

    [Fact]
    public async Task Csv_has_a_header_and_a_record_per_listed_mention_that_reads_back_exactly()
    {
        var listed = await ListedAsync();

        using var response = await _http.GetAsync("/api/mentions/export?format=csv&" + Search);
        var records = Csv.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var header = records[0];
        Assert.Equal(["id", "platform", "url", "author", "authorFollowers", "publishedAt", "title", "text"], header[..8]);
        Assert.Equal(listed.Count, records.Count - 1);
        for (var i = 0; i < listed.Count; i++)
        {
            var row = header.Zip(records[i + 1]).ToDictionary(p => p.First, p => p.Second);
            var mention = listed[i]!;
            var item = SampleCoverage.Items.Single(x => x.Id == Guid.Parse(row["id"]));
            Assert.Equal(mention["id"]!.GetValue<Guid>(), item.Id);
            Assert.Equal(item.Text, row["text"]);
            Assert.Equal(item.Title ?? "", row["title"]);
            Assert.Equal(mention["url"]!.GetValue<string>(), row["url"]);
            Assert.Equal(mention["publishedAt"]!.GetValue<DateTimeOffset>(), DateTimeOffset.Parse(row["publishedAt"], CultureInfo.InvariantCulture));
            Assert.Equal(mention["reach"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture), row["reach"]);
            Assert.Equal(mention["sentiment"]?["label"]?.GetValue<string>() ?? "", row["sentimentLabel"]);
            Assert.Equal(string.Join("; ", mention["entities"]!.AsArray().Select(e => e!["name"]!.GetValue<string>())), row["entities"]);
        }
    }

    [Fact]
    public async Task An_unknown_format_gets_a_problem_naming_it()
    {
        using var response = await _http.GetAsync("/api/mentions/export?format=xlsx");

        Assert.Equal(["format"], (await response.ProblemAsync()).Fields);
    }
}
