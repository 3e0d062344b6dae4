using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Contracts;
using Monitor.Pipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Monitor.Pipeline.Tests.Fuzz;

/// <summary>
/// Every operation the OpenAPI documents of ingestion, the API and alerts describe (so a new endpoint is
/// fuzzed without touching this test), called with hostile paths, queries and bodies against the
/// running processes. Whatever a client sends, the answer is never a 5xx.
/// </summary>
public class When_fuzzing_every_public_endpoint(PublicServices services, ITestOutputHelper output) : IClassFixture<PublicServices>
{
    private const int Seed = 15;
    private const int RequestsPerOperation = 30;
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Bodies the OpenAPI schema cannot describe (the coverage endpoint reads raw JSON), to mutate from.</summary>
    private static readonly Dictionary<string, JsonNode?> Examples = new()
    {
        ["Ingestion: POST /api/coverage"] = JsonSerializer.SerializeToNode(
            SampleCoverage.Item("fuzz-0001") with { ObservedAt = DateTimeOffset.UtcNow.AddMinutes(-5), PublishedAt = DateTimeOffset.UtcNow.AddHours(-2) }, Json),
        ["Alerts: POST /api/subscriptions"] = JsonNode.Parse("""
            {"name":"fuzzed","rules":[{"ruleId":"reach","kind":"negative-reach","window":"00:15:00","threshold":1000}],
             "scope":{"entityIds":["xiaomi-su7"],"platforms":["weibo"]}}
            """),
        ["Alerts: POST /api/keys"] = JsonNode.Parse("""{"owner":"fuzzed","role":"viewer"}"""),
        ["Api: POST /api/keys"] = JsonNode.Parse("""{"owner":"fuzzed","role":"analyst"}"""),
        ["Api: POST /api/session"] = JsonNode.Parse($$"""{"key":"{{PublicServices.AdminKey}}"}"""),
    };

    [Fact]
    public async Task Should_never_answer_5xx()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;
        foreach (var folder in PublicServices.Folders)
        {
            var service = services.Services[folder];
            using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = AnswerTimeout };
            http.DefaultRequestHeaders.Add("X-Api-Key", PublicServices.AdminKey);
            using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
            var operations = PublicOperation.Read(folder, document.RootElement);
            Assert.NotEmpty(operations);
            output.WriteLine($"{folder}: {operations.Count} operations: {string.Join(", ", operations.Select(o => $"{o.Method} {o.Path}"))}");

            var requests = new HostileRequests(document.RootElement, random);
            var before = failures.Count;
            foreach (var operation in operations)
            {
                var statuses = new SortedDictionary<string, int>();
                for (var i = 0; i < RequestsPerOperation; i++)
                {
                    using var request = requests.Next(operation, Examples.GetValueOrDefault(operation.ToString()));
                    var (status, problem) = await SendAsync(http, request, requests);
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    sent++;
                    if (problem is null) continue;
                    failures.Add(problem);
                }
                output.WriteLine($"  {operation}: {string.Join(", ", statuses.Select(s => $"{s.Key} x{s.Value}"))}");
            }
            Assert.False(service.HasExited, $"{folder} exited while fuzzed:\n{service.Output()}");
            if (failures.Count > before)
                foreach (var line in service.Output().Split('\n').Where(l => l.Contains("Exception")).Distinct().Take(20))
                    output.WriteLine($"  {folder} logged: {line}");
        }

        output.WriteLine($"{sent} requests, {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests were answered 5xx or not at all:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>The status (or "none"), and no problem when the service answered below 500; else the request and what came back.</summary>
    private static async Task<(string Status, string? Problem)> SendAsync(HttpClient http, HttpRequestMessage request, HostileRequests requests)
    {
        var body = request.Content is null ? "" : Shorten(Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync()));
        var described = $"{request.Method} {Shorten(request.RequestUri!.ToString())}{(body.Length > 0 ? " body " + body : "")}";
        try
        {
            // Headers are enough: an event stream answers 200 and then stays open.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = ((int)response.StatusCode).ToString();
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json")
                requests.Learn(await response.Content.ReadAsStringAsync());
            if ((int)response.StatusCode < 500) return (status, null);
            return (status, $"{described} -> {status} {Shorten(await response.Content.ReadAsStringAsync())}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return ("none", $"{described} -> no answer: {e.Message}");
        }
    }

    private static string Shorten(string text)
    {
        var printable = InputLimits.Printable(text);
        return printable.Length <= 300 ? printable : printable[..300] + $"...({printable.Length} chars)";
    }
}
