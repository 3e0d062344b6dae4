using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.Hosting.Storage;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Pipeline.Tests.BadInput;

public class When_coverage_is_invalid(IngestionProcessFixture fixture, ITestOutputHelper output) : IClassFixture<IngestionProcessFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_answer_400_problem_details_naming_each_invalid_field_and_store_nothing()
    {
        var before = await fixture.Events.CountAsync();
        var valid = JsonSerializer.SerializeToNode(SampleCoverage.Item("bad-input-valid"), Json)!;
        var invalid = JsonSerializer.SerializeToNode(SampleCoverage.Item("bad-input-invalid"), Json)!;
        invalid["publishedAt"] = "last tuesday";
        var body = new StringContent($"[{valid.ToJsonString()},{invalid.ToJsonString()}]", Encoding.UTF8, "application/json");

        using var response = await fixture.Http.PostAsync("/api/coverage", body);

        await Explain(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["[1].publishedAt"], errors);
        Assert.Equal(before, await fixture.Events.CountAsync());
    }

    [Fact]
    public async Task Should_answer_400_when_the_body_is_not_json()
    {
        using var response = await fixture.Http.PostAsync("/api/coverage", new StringContent("{\"platform\": \"weibo\",", Encoding.UTF8, "application/json"));

        await Explain(response, HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("$", out _));
    }

    [Fact]
    public async Task Should_answer_413_to_a_body_over_the_limit()
    {
        var items = SampleCoverage.Items("oversized-", 400);
        var json = JsonSerializer.Serialize(items, Json);
        Assert.True(json.Length > IngestionProcessFixture.MaxBodyBytes, "the test body must exceed the limit");

        using var response = await fixture.Http.PostAsync("/api/coverage", new StringContent(json, Encoding.UTF8, "application/json"));

        await Explain(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await fixture.Events.CountInStreamsAsync(items.Select(i => CoverageIdentity.For(i.Platform, i.PlatformId, i.Url))));
    }

    [Fact]
    public async Task Should_move_a_poison_message_to_the_error_queue_with_its_exception_and_keep_the_valid_ones()
    {
        var before = await fixture.Events.CountAsync(MonitorEventTypes.CoverageIngested);
        var bus = await TestBus.StartAsync(fixture.Vhost);
        try
        {
            foreach (var item in SampleCoverage.Items("poison-before-", 30)) await bus.Publish(item);
            await bus.Publish(SampleCoverage.Item("poison-0001", platform: "myspace"));
            foreach (var item in SampleCoverage.Items("poison-after-", 10)) await bus.Publish(item);
        }
        finally { await bus.StopAsync(); }

        using var queues = new RabbitMqQueues(fixture.Vhost);
        var stored = await Until.HoldsAsync(
            async () => await fixture.Events.CountAsync(MonitorEventTypes.CoverageIngested) - before == 40, Patience, TimeSpan.FromMilliseconds(250));
        var errored = await Until.HoldsAsync(
            async () => await fixture.Vhost.MessageCountAsync("coverage-received_error") == 1, Patience, TimeSpan.FromSeconds(1));

        if (!stored || !errored) output.WriteLine(fixture.Processes.Output());
        Assert.True(stored, $"expected the 40 valid items stored, found {await fixture.Events.CountAsync(MonitorEventTypes.CoverageIngested) - before}");
        Assert.True(errored, $"expected 1 message in coverage-received_error, found {await fixture.Vhost.MessageCountAsync("coverage-received_error")}");
        var poison = Assert.Single(await queues.PeekAsync("coverage-received_error"));
        Assert.Contains("InvalidCoverageException", poison.Headers["MT-Fault-ExceptionType"]);
        Assert.Contains("platform", poison.Headers["MT-Fault-Message"]);
        Assert.Contains("myspace", poison.Body);
    }

    [Theory]
    [InlineData("text", "\"小米\\u0000SU7\"")]
    [InlineData("title", "\"\\u001b[31m红色\"")]
    [InlineData("author.name", "\"测试\\u0000用户\"")]
    [InlineData("url", "\"https://weibo.com/1000/\\u0000\"")]
    [InlineData("hashtags[0]", "[\"小米\\u0007SU7\"]")]
    [InlineData("region", "\"北京\\u007f\"")]
    [InlineData("text", "\"half a pair \\ud83d here\"")]
    [InlineData("author.name", "\"\\udc00\"")]
    [InlineData("observedAt", "\"9999-12-31T23:59:59Z\"")]
    [InlineData("publishedAt", "\"9999-12-31T23:59:59Z\"")]
    [InlineData("publishedAt", "\"0001-01-01T00:00:00Z\"")]
    [InlineData("publishedAt", "\"1989-12-31T23:59:59Z\"")]
    [InlineData("observedAt", "\"1900-01-01T00:00:00Z\"")]
    public async Task Should_answer_400_naming_a_field_with_a_control_character_or_a_date_out_of_range(string field, string json)
    {
        var before = await fixture.Events.CountAsync();
        var item = JsonSerializer.SerializeToNode(SampleCoverage.Item("bad-input-limits") with { ObservedAt = DateTimeOffset.UtcNow }, Json)!;
        // The value goes in as raw JSON text: a lone surrogate escape cannot pass through a JsonNode.
        const string placeholder = "\"value-under-test\"";
        var path = field.Split('.', '[');
        if (field.StartsWith("author.")) item["author"]![path[1]] = "value-under-test";
        else item[path[0]] = "value-under-test";
        var body = item.ToJsonString().Replace(placeholder, json);

        using var response = await fixture.Http.PostAsync("/api/coverage", new StringContent(body, Encoding.UTF8, "application/json"));

        await Explain(response, HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal([field], errors);
        Assert.Equal(before, await fixture.Events.CountAsync());
    }

    private async Task Explain(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            output.WriteLine($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{fixture.Processes.Output()}");
        Assert.Equal(expected, response.StatusCode);
    }
}
