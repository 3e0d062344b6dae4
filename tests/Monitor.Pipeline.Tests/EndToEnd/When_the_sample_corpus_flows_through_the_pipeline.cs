using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Contracts;
using Monitor.Hosting.Storage;
using Monitor.Ingestion.Ingest;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Platforms;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Pipeline.Tests.EndToEnd;

/// <summary>
/// The four services as separate processes against the real broker and database: the SU7 sample
/// corpus goes in over HTTP, and every item must end with exactly one event of each stage.
/// </summary>
public class When_the_sample_corpus_flows_through_the_pipeline(PipelineFixture fixture, ITestOutputHelper output)
    : IClassFixture<PipelineFixture>
{
    private const int PostBatchSize = 100;
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(3);
    private static readonly DateTimeOffset ObservedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Should_store_one_event_per_stage_for_every_item_and_nothing_more_when_ingested_again()
    {
        var corpus = SampleCorpus.Load(RepositoryLayout.SamplesSu7, ObservedAt);
        var streams = corpus.Items.Select(i => CoverageIdentity.For(i.Platform, i.PlatformId, i.Url)).ToHashSet();
        // A few posts appear twice in the corpus (again on a later search page, with newer counts):
        // one stream each, and the second sighting may add a metrics update.
        Assert.True(streams.Count >= 300, $"the SU7 corpus should hold at least 300 items, read {streams.Count}");
        var events = new EventsTable(fixture.Schema.DataSource, fixture.Schema.Name);

        await using var processes = new PipelineProcesses(fixture.Schema, fixture.Vhost);
        try
        {
            await processes.StartAsync([.. PipelineProcesses.All]);
            using var http = new HttpClient { BaseAddress = processes[PipelineProcesses.Ingestion].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

            var clock = Stopwatch.StartNew();
            var first = await PostAsync(http, corpus.Items);
            var posted = clock.Elapsed;
            var processed = await Until.HoldsAsync(
                async () => await events.CountAsync(MonitorEventTypes.SentimentScored) >= streams.Count, ProcessingTimeout, TimeSpan.FromMilliseconds(200));
            output.WriteLine($"{streams.Count} items: posted in {posted.TotalSeconds:0.00} s, all three stages stored after " +
                             $"{clock.Elapsed.TotalSeconds:0.00} s ({streams.Count / clock.Elapsed.TotalSeconds:0} items/s on a shared machine; a figure, not a benchmark)");

            Assert.Equal((corpus.Items.Count, streams.Count), (first.Accepted, first.Ingested));
            Assert.Equal(corpus.Items.Count - streams.Count, first.Updated + first.Unchanged);
            Assert.True(processed, $"not every item was scored within {ProcessingTimeout.TotalSeconds} s: " +
                                   $"{await events.CountAsync(MonitorEventTypes.CoverageIngested)} ingested, " +
                                   $"{await events.CountAsync(MonitorEventTypes.ContentExtracted)} extracted, " +
                                   $"{await events.CountAsync(MonitorEventTypes.SentimentScored)} scored");
            await Task.Delay(SettleTime);
            var perStream = await events.TypesPerStreamAsync();
            Assert.Equal(streams.Order(), perStream.Keys.Order());
            Assert.All(perStream, stream =>
            {
                Assert.Equal(1, stream.Value[MonitorEventTypes.CoverageIngested]);
                Assert.Equal(1, stream.Value[MonitorEventTypes.ContentExtracted]);
                Assert.Equal(1, stream.Value[MonitorEventTypes.SentimentScored]);
                Assert.Empty(stream.Value.Keys.Except(MonitorEventTypes.Published));
            });
            Assert.Equal(first.Updated, await events.CountAsync(MonitorEventTypes.CoverageMetricsUpdated));
            var stored = await events.CountAsync();

            var second = await PostAsync(http, corpus.Items);
            await Task.Delay(SettleTime);

            // The earlier sighting of a post seen twice is outdated now, the rest unchanged; nothing is stored.
            Assert.Equal(new IngestSummary(corpus.Items.Count, 0, 0, corpus.Items.Count - first.Updated, first.Updated), second);
            Assert.Equal(stored, await events.CountAsync());
        }
        catch
        {
            output.WriteLine(processes.Output());
            throw;
        }
    }

    private static async Task<IngestSummary> PostAsync(HttpClient http, IReadOnlyList<CoverageReceived> items)
    {
        var total = IngestSummary.Empty;
        foreach (var batch in items.Chunk(PostBatchSize))
        {
            using var response = await http.PostAsJsonAsync("/api/coverage", batch, Json);
            if (response.StatusCode != HttpStatusCode.Accepted)
                throw new InvalidOperationException($"POST /api/coverage answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            total += (await response.Content.ReadFromJsonAsync<IngestSummary>(Json))!;
        }
        return total;
    }
}
