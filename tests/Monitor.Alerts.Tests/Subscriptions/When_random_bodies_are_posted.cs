using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Tests.Service;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Alerts.Tests.Subscriptions;

/// <summary>
/// Generated POST /api/subscriptions bodies, valid and not, fields left out, null, of the wrong type or out of range:
/// the service never answers 500, and every subscription it stores loads after a restart and evaluates.
/// One fixed seed, and one new each run (printed, with the body, when it fails).
/// </summary>
public sealed class When_random_bodies_are_posted(PostgresSchema schema, ITestOutputHelper output) : IClassFixture<PostgresSchema>
{
    private const int BodiesPerSeed = 120;

    [Fact]
    public async Task Should_never_answer_500_and_store_only_what_loads_and_evaluates()
    {
        var seeds = new[] { 1515, Random.Shared.Next() };
        output.WriteLine($"seeds: {string.Join(", ", seeds)}");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var stored = new List<Guid>();
        var refused = 0;

        await using (var service = await InProcessAlerts.StartAsync(schema, clock))
        {
            using var admin = service.Client(AlertsHarness.AdminKey);
            foreach (var seed in seeds)
            {
                var random = new Random(seed);
                for (var i = 0; i < BodiesPerSeed; i++)
                {
                    var body = RandomBodies.Subscription(random).ToJsonString();
                    using var response = await admin.PostAsync("/api/subscriptions", new StringContent(body, Encoding.UTF8, "application/json"));
                    var answer = await response.Content.ReadAsStringAsync();
                    var context = $"seed {seed}, body {i}: {body}\n-> {(int)response.StatusCode} {answer}";
                    Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, context);
                    if (response.StatusCode == HttpStatusCode.BadRequest)
                    {
                        // A problem body that names the field.
                        Assert.True(JsonDocument.Parse(answer).RootElement.GetProperty("errors").EnumerateObject().Any(), context);
                        refused++;
                        continue;
                    }
                    var created = JsonDocument.Parse(answer).RootElement;
                    Assert.False(created.TryGetProperty("problem", out _), context);
                    stored.Add(created.GetProperty("subscriptionId").GetGuid());
                }
            }
            await EvaluateSomeAsync(service);
        }
        output.WriteLine($"stored {stored.Count}, refused {refused}");
        Assert.True(stored.Count > 10 && refused > 10, $"the generator should give both kinds: stored {stored.Count}, refused {refused}");

        await using var restarted = await InProcessAlerts.StartAsync(schema, clock);
        using var client = restarted.Client(AlertsHarness.AdminKey);
        var listed = JsonDocument.Parse(await client.GetStringAsync("/api/subscriptions")).RootElement.EnumerateArray().ToArray();
        Assert.Equal(stored.Order(), listed.Select(s => s.GetProperty("subscriptionId").GetGuid()).Order());
        Assert.DoesNotContain(listed, s => s.TryGetProperty("problem", out _));
        await EvaluateSomeAsync(restarted);
        using var health = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>Items of every platform, language and sentiment through the consumer's path: nothing throws.</summary>
    private static async Task EvaluateSomeAsync(InProcessAlerts service)
    {
        var store = service.Get<EventStore.EventStore>();
        var now = service.Get<TimeProvider>().GetUtcNow();
        var items = PlatformNames.All.SelectMany((platform, p) => new[] { SentimentLabels.Negative, SentimentLabels.Neutral, SentimentLabels.Positive }
            .Select((label, l) => StoredItems.Scored(label, 1_000_000, now.AddMinutes(-p - l), platform))).ToArray();
        foreach (var item in items) await StoredItems.AppendAsync(store, item, $"https://example.test/{item.CoverageId:N}");
        await service.Get<EvaluateScored>().HandleAsync(items, CancellationToken.None);
    }
}

/// <summary>
/// Subscription bodies from a seed: each field valid (the first value offered) most of the time, else another value,
/// left out, null, or of the wrong type. Half the bodies are mostly valid, half hostile.
/// </summary>
internal static class RandomBodies
{
    [ThreadStatic] private static double _hostility;

    public static JsonObject Subscription(Random random)
    {
        _hostility = random.NextDouble() < 0.5 ? 0.01 : 0.3;
        var body = new JsonObject();
        Maybe(random, body, "name", () => Pick(random, "SU7", "", "  ", new string('n', 201), "Xiaomi 小米"), Wrong(random));
        Maybe(random, body, "scope", () => Scope(random), Wrong(random));
        Maybe(random, body, "rules", () => ArrayOf(random, 1, 3, () => Rule(random)), Wrong(random));
        Maybe(random, body, "channels", () => ArrayOf(random, 0, 2, () => Channel(random)), Wrong(random));
        if (random.NextDouble() < 0.2)
            Maybe(random, body, "quietHours", () => new JsonObject
            {
                ["from"] = Pick(random, "22:00", "07:00", "25:00", "x"),
                ["to"] = Pick(random, "07:00", "22:00"),
                ["timeZone"] = Pick(random, "Asia/Shanghai", "Mars/Olympus", null),
            }, Wrong(random));
        if (random.NextDouble() < 0.3) Maybe(random, body, "digestAt", () => Pick(random, "09:00", "9", "23:59:59"), Wrong(random));
        if (random.NextDouble() < 0.2) Maybe(random, body, "digestTimeZone", () => Pick(random, "UTC", "Asia/Tokyo", "Nowhere"), Wrong(random));
        return body;
    }

    private static JsonNode Scope(Random random)
    {
        var scope = new JsonObject();
        Maybe(random, scope, "platforms", () => ArrayOf(random, 0, 2, () => Pick(random, "weibo", "news", "myspace", "", null)), Wrong(random));
        Maybe(random, scope, "entityIds", () => ArrayOf(random, 0, 2, () => Pick(random, "xiaomi-su7", "byd", " ", null)), Wrong(random));
        Maybe(random, scope, "requiredTerms", () => ArrayOf(random, 0, 2, () => Pick(random, "SU7", "交付", "", null)), Wrong(random));
        Maybe(random, scope, "excludedTerms", () => ArrayOf(random, 0, 1, () => Pick(random, "ad", null)), Wrong(random));
        Maybe(random, scope, "languages", () => ArrayOf(random, 0, 2, () => Pick(random, "zh", "en", "mixed", "fr", null)), Wrong(random));
        return scope;
    }

    private static JsonNode Rule(Random random)
    {
        var kind = Pick<string?>(random, "negative-share", "volume-spike", "sentiment-dip", "negative-reach", "loud", null);
        var rule = new JsonObject { ["ruleId"] = Pick(random, "r" + random.Next(1_000), "r0", "", null), ["kind"] = kind };
        Maybe(random, rule, "window", () => Pick(random, "01:00:00", "00:15:00", "1.00:00:00", "00:05:00", "10675199.02:48:05", "abc"), Wrong(random));
        Maybe(random, rule, "threshold", () => kind switch
        {
            "negative-share" => Pick(random, 0.4, 1.5, -1),
            "sentiment-dip" => Pick(random, 0.3, 3),
            "negative-reach" => Pick(random, 50_000, 0, 1e308),
            _ => Pick(random, 0, 1),
        }, Wrong(random));
        Maybe(random, rule, "minVolume", () => Pick(random, 1, 10, 0, -5, 2_147_483_647), Wrong(random));
        Maybe(random, rule, "k", () => Pick(random, 2, 1.5, 0, -1, 1e9), Wrong(random));
        Maybe(random, rule, "baselineWindows", () => Pick(random, 12, 24, 168, 5, 169, 2_147_483_647), Wrong(random));
        Maybe(random, rule, "cooldown", () => Pick(random, "01:00:00", "00:00:00", "-01:00:00", "7.00:00:00", "8.00:00:00", "10675199.02:48:05"), Wrong(random));
        return rule;
    }

    private static JsonNode Channel(Random random)
    {
        var kind = Pick<string?>(random, "webhook", "slack", "email", "pager", null);
        return new JsonObject
        {
            ["channelId"] = Pick(random, "c" + random.Next(1_000), "hook", "", null),
            ["kind"] = kind,
            ["target"] = Pick(random, "https://127.0.0.1:9/hook", "ana@example.com", "ftp://x", "not a target", null, "https://x.test/" + new string('a', 2_100)),
            ["secret"] = Pick(random, null, "s3cret"),
        };
    }

    /// <summary>Sets the field to a valid value most of the time; otherwise leaves it out, null, or gives a value of the wrong type.</summary>
    private static void Maybe(Random random, JsonObject target, string field, Func<JsonNode?> valid, JsonNode? wrong)
    {
        var validShare = 1 - _hostility;
        var roll = random.NextDouble();
        if (roll < validShare) target[field] = valid();
        else if (roll < validShare + (1 - validShare) / 3) return;
        else if (roll < validShare + 2 * (1 - validShare) / 3) target[field] = null;
        else target[field] = wrong;
    }

    private static JsonNode? Wrong(Random random) => Pick<JsonNode?>(random, 42, "text", true, new JsonArray(1, 2), new JsonObject { ["x"] = 1 }, -1.5);

    private static JsonArray ArrayOf(Random random, int min, int max, Func<JsonNode?> element)
    {
        var array = new JsonArray();
        for (var i = random.Next(min, max + 1); i > 0; i--) array.Add(element());
        return array;
    }

    private static JsonNode? Pick(Random random, params string?[] values) => Pick<string?>(random, values) is { } s ? JsonValue.Create(s) : null;

    private static JsonNode Pick(Random random, params double[] values) => JsonValue.Create(Pick<double>(random, values));

    private static JsonNode Pick(Random random, params int[] values) => JsonValue.Create(Pick<int>(random, values));

    private static T Pick<T>(Random random, params T[] values) => random.NextDouble() >= _hostility ? values[0] : values[random.Next(values.Length)];
}
