using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.Faults.Tests.Harness;
using Monitor.Faults.Tests.Hostile;
using Monitor.Faults.Tests.Servers;
using Monitor.Hosting.Storage;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Scenarios;

/// <summary>
/// 1,000 malformed and hostile payloads mixed into a stream of valid coverage, half over HTTP and
/// half straight onto ingestion's queue. Every one is refused with its reason (problem details, or
/// the _error queue with its exception); every valid item around them, including valid ones full of
/// script tags, is stored exactly as sent.
/// </summary>
[Collection(FaultsCollection.Name)]
public class When_hostile_payloads_arrive(PrivateServers servers, ITestOutputHelper output)
{
    private const int ValidOverHttp = 1_500;
    private const int ValidOverQueue = 500;
    private const int Hostile = 1_000;
    private const string ErrorQueue = FaultScenario.CoverageReceivedQueue + "_error";
    private const string ScriptTag = "<script>alert('su7')</script>";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Should_refuse_each_with_its_reason_and_store_every_valid_item()
    {
        await using var scenario = await FaultScenario.StartAsync(servers, output, "1,000 malformed or hostile payloads mixed in");
        await scenario.GuardAsync(async () =>
        {
            await scenario.StartServicesAsync();
            var hostile = HostilePayloads.Create(Hostile, seed: 20240328);
            var overHttp = hostile.Where((_, i) => i % 2 == 0).ToArray();
            var overQueue = hostile.Where((_, i) => i % 2 == 1).ToArray();
            var queued = Enumerable.Range(0, ValidOverQueue).Select(i => WithScriptTags(CoverageItems.Item("queue-", i), i)).ToArray();

            var feeding = scenario.Feed.PostAsync(
                Enumerable.Range(0, ValidOverHttp).Select(i => WithScriptTags(CoverageItems.Item("http-", i), i)).ToArray(), CancellationToken.None);
            var httpReported = await PostHostileAsync(scenario, overHttp);
            await PublishMixedAsync(scenario, queued, overQueue);
            await feeding;

            var accepted = scenario.Feed.Accepted().Concat(queued.Select(CoverageItems.StreamOf)).ToArray();
            var outcome = await scenario.SettleAndCompareAsync(accepted, Patience);
            var queueReported = await ReportedInErrorQueueAsync(scenario, overQueue.Length);
            scenario.Record(outcome, Hostile, httpReported + queueReported);

            Assert.Equal((ValidOverHttp + ValidOverQueue, ValidOverHttp + ValidOverQueue, 0, 0),
                (outcome.Accepted, outcome.Stored, outcome.Lost, outcome.Duplicated));
            Assert.Equal(overHttp.Length, httpReported);
            Assert.Equal(overQueue.Length, queueReported);
            Assert.Equal(0L, (await scenario.Broker.QueueAsync(FaultScenario.CoverageReceivedQueue + "_skipped"))?.Messages ?? 0);
            await AssertStoredVerbatimAsync(scenario);
            Assert.True(await scenario.LiveReadModelEqualsRebuildAsync(), "the live read model should equal a full rebuild");
        });
    }

    /// <summary>Valid items whose text and author carry markup: data to store as sent, not to refuse (rendering escapes it).</summary>
    private static CoverageReceived WithScriptTags(CoverageReceived item, int index) => index % 10 != 0 ? item : item with
    {
        Text = $"{item.Text} {ScriptTag} <img src=x onerror=alert(1)>",
        Author = item.Author with { Name = $"<b onmouseover=alert(1)>{item.Author.Name}</b>" },
    };

    /// <summary>Posts each payload alone; counts the refusals that carry problem details saying what was wrong.</summary>
    private async Task<int> PostHostileAsync(FaultScenario scenario, IReadOnlyList<HostilePayload> payloads)
    {
        using var http = new HttpClient { BaseAddress = scenario.Services[FaultScenario.Ingestion].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var reported = 0;
        foreach (var payload in payloads)
        {
            using var content = new ByteArrayContent(payload.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync("/api/coverage", content);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && HasReason(body))
                reported++;
            else
                output.WriteLine($"'{payload.Kind}' over HTTP: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }
        return reported;
    }

    private static bool HasReason(string problemJson)
    {
        using var problem = JsonDocument.Parse(problemJson);
        var root = problem.RootElement;
        return root.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(e => e.Value.EnumerateArray().Any())
               || root.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 };
    }

    /// <summary>Valid items and hostile payloads interleaved on coverage-received, as if a feed had gone mad.</summary>
    private static async Task PublishMixedAsync(FaultScenario scenario, IReadOnlyList<CoverageReceived> valid, IReadOnlyList<HostilePayload> payloads)
    {
        await using var queue = await QueuePublisher.ConnectAsync(scenario.Vhost.AmqpUri);
        var confirms = new List<Task>();
        var hostileEvery = Math.Max(1, valid.Count / payloads.Count);
        var validEvery = Math.Max(1, payloads.Count / valid.Count);
        int nextValid = 0, nextHostile = 0;
        while (nextValid < valid.Count || nextHostile < payloads.Count)
        {
            for (var i = 0; i < hostileEvery && nextValid < valid.Count; i++, nextValid++)
            {
                var id = Guid.NewGuid();
                confirms.Add(queue.PublishAsync(FaultScenario.CoverageReceivedQueue,
                    QueuePublisher.CoverageReceivedEnvelope(id, (object)valid[nextValid]), id.ToString()));
            }
            for (var i = 0; i < validEvery && nextHostile < payloads.Count; i++)
                confirms.Add(PublishHostileAsync(queue, payloads[nextHostile++]));
        }
        await Task.WhenAll(confirms);
    }

    private static Task PublishHostileAsync(QueuePublisher queue, HostilePayload payload)
    {
        var id = Guid.NewGuid();
        var body = payload.IsJson ? QueuePublisher.CoverageReceivedEnvelope(id, payload.Body) : payload.Body;
        return queue.PublishAsync(FaultScenario.CoverageReceivedQueue, body, id.ToString());
    }

    /// <summary>Waits (bounded) for the refused messages in the _error queue; counts those that carry their exception.</summary>
    private async Task<int> ReportedInErrorQueueAsync(FaultScenario scenario, int expected)
    {
        await Until.HoldsAsync(async () => (await scenario.Broker.QueueAsync(ErrorQueue))?.Messages >= expected,
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));
        var messages = await scenario.Broker.PeekAsync(ErrorQueue, expected + 50);
        foreach (var reason in messages.Select(m => m.Headers.GetValueOrDefault("MT-Fault-Message")).Distinct().Take(40))
            output.WriteLine($"_error: {reason}");
        return messages.Count(m => m.Headers.GetValueOrDefault("MT-Fault-Message") is { Length: > 0 }
                                   && m.Headers.GetValueOrDefault("MT-Fault-ExceptionType") is { Length: > 0 });
    }

    /// <summary>The markup in valid items is stored as it was sent: neither stripped nor escaped.</summary>
    private static async Task AssertStoredVerbatimAsync(FaultScenario scenario)
    {
        await using var command = scenario.Store.DataSource.CreateCommand(
            $"SELECT count(*) FROM \"{scenario.Schema.Name}\".mt_events WHERE type = $1 AND data->>'text' LIKE '%' || $2 || '%'");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = MonitorEventTypes.CoverageIngested });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = ScriptTag });
        Assert.Equal((long)(ValidOverHttp + ValidOverQueue) / 10, (long)(await command.ExecuteScalarAsync())!);
    }
}
