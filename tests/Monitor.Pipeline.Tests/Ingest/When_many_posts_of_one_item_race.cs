using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.Ingestion.Ingest;
using Monitor.Pipeline.Tests.BadInput;
using Monitor.Pipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Monitor.Pipeline.Tests.Ingest;

/// <summary>
/// 200 concurrent POST /api/coverage of one item against the ingestion service, each a later
/// observation with higher counts, arriving in whatever order the machine makes of them.
/// </summary>
public class When_many_posts_of_one_item_race(IngestionProcessFixture fixture, ITestOutputHelper output) : IClassFixture<IngestionProcessFixture>
{
    private const int Posts = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset FirstObserved = DateTimeOffset.UtcNow.AddHours(-1);

    private static CoverageReceived Observation(int i) => SampleCoverage.Item("race-one-item") with
    {
        Engagement = new Engagement(Likes: i, Comments: 2, Shares: 1),
        PublishedAt = FirstObserved.AddHours(-1),
        ObservedAt = FirstObserved.AddSeconds(i),
    };

    [Fact]
    public async Task Should_keep_the_newest_observations_counts_and_answer_each_post_truthfully()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, Posts).Select(PostAsync));

        var id = CoverageIdentity.For(Observation(0).Platform, Observation(0).PlatformId, Observation(0).Url);
        var stream = await ReadStreamAsync(id);
        var stored = stream.Select(e => e.Data switch
        {
            CoverageIngested i => (Likes: i.Engagement.Likes, ObservedAt: i.ObservedAt),
            CoverageMetricsUpdated m => (Likes: m.Engagement.Likes, ObservedAt: (DateTimeOffset?)m.ObservedAt),
            _ => throw new InvalidOperationException($"unexpected event {e.Type}"),
        }).ToArray();
        output.WriteLine($"stored likes in order: {string.Join(",", stored.Select(s => s.Likes))}");

        Assert.Equal(Posts - 1, stored[^1].Likes);
        Assert.Equal(Observation(Posts - 1).ObservedAt, stored[^1].ObservedAt);
        Assert.True(stored.Zip(stored.Skip(1)).All(p => p.First.ObservedAt < p.Second.ObservedAt),
            "every stored observation must be newer than the one before it");

        Assert.Equal(1, answers.Sum(a => a.Summary.Ingested));
        Assert.Equal(stored.Length - 1, answers.Sum(a => a.Summary.Updated));
        var storedLikes = stored.Select(s => s.Likes!.Value).ToHashSet();
        foreach (var (i, summary) in answers)
        {
            Assert.Equal(1, summary.Accepted);
            Assert.Equal(1, summary.Ingested + summary.Updated + summary.Unchanged + summary.Outdated);
            // Stored or not, as answered: "outdated" only when a newer observation is stored instead.
            var claimsStored = summary.Ingested + summary.Updated + summary.Unchanged == 1;
            Assert.True(claimsStored == storedLikes.Contains(i), $"post {i} answered {summary} but its counts are {(storedLikes.Contains(i) ? "" : "not ")}stored");
            if (summary.Outdated == 1) Assert.Contains(stored, s => s.ObservedAt > Observation((int)i).ObservedAt);
        }
    }

    private async Task<(long Likes, IngestSummary Summary)> PostAsync(int i)
    {
        // A 503 (the item kept being written by the other posts) stores nothing and says so: send again.
        for (var attempt = 1; ; attempt++)
        {
            using var response = await fixture.Http.PostAsJsonAsync("/api/coverage", Observation(i), Json);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
                continue;
            }
            if (response.StatusCode != HttpStatusCode.Accepted)
                output.WriteLine($"post {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{fixture.Processes.Output()}");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (i, (await response.Content.ReadFromJsonAsync<IngestSummary>(Json))!);
        }
    }

    private async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(Guid id)
    {
        await using var store = new EventStore.EventStore(fixture.Schema.DataSource,
            new EventStoreOptions { ConnectionString = fixture.Schema.ConnectionString, Schema = fixture.Schema.Name },
            MonitorEventTypes.CreateRegistry());
        return await store.ReadStreamAsync(id);
    }
}
