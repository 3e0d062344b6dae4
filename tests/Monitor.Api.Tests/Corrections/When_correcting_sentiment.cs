using System.Net;
using System.Net.Http.Json;
using Monitor.Api.Analytics;
using Monitor.Api.Mentions;
using Monitor.Api.Querying;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts;
using Monitor.EventStore;
using Monitor.Hosting.Access;
using Monitor.Hosting.Storage;

namespace Monitor.Api.Tests.Corrections;

/// <summary>
/// A person corrects a mention's label through POST /api/mentions/{id}/sentiment: the correction is an event on the
/// item's stream, and mention lists, timelines, share of voice and exports count the corrected label from then on.
/// Each test corrects items of its own, so they do not depend on each other's order.
/// </summary>
public class When_correcting_sentiment(SampleApi sample) : IClassFixture<SampleApi>
{
    private ApiApp Api => sample.Api;

    private static string PathOf(SampleItem item) => $"/api/mentions/{item.Id}/sentiment";

    [Fact]
    public async Task The_corrected_label_counts_everywhere_and_a_rescore_does_not_undo_it()
    {
        var item = SampleCoverage.Item("x1"); // positive, alone in its minute on xiaohongshu, names xiaomi-su7
        using var analyst = Api.Client(await Api.IssueKeyAsync("ana", Roles.Analyst));
        var shareBefore = await ShareAsync(analyst, "xiaomi-su7");

        using var response = await analyst.PostAsJsonAsync(PathOf(item), new { label = "negative", note = "sarcasm: 颜值很高 here is a complaint" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<CorrectionView>())!;
        Assert.Equal(("negative", "ana", "sarcasm: 颜值很高 here is a complaint"), (answer.Label, answer.By, answer.Note));
        var stored = Assert.Single((await Api.Store.ReadStreamAsync(item.Id)).Select(e => e.Data).OfType<SentimentCorrected>());
        Assert.Equal((SentimentLabels.Negative, SentimentLabels.Positive, SentimentLabels.Positive, "test-v1", "ana", Roles.Analyst),
            (stored.Label, stored.PreviousLabel, stored.ModelLabel, stored.ModelVersion, stored.By, stored.Role));
        await Api.WaitForProjectionsAsync();

        var listed = Assert.Single((await analyst.GetAsync<Paged<MentionView>>("/api/mentions?platform=xiaohongshu&sentiment=negative")).Items, m => m.Id == item.Id);
        Assert.Equal((SentimentLabels.Negative, SentimentLabels.Positive), (listed.Sentiment!.Label, listed.Sentiment.ModelLabel));
        Assert.Equal(("ana", answer.Note), (listed.Sentiment.Correction!.By, listed.Sentiment.Correction.Note));
        Assert.DoesNotContain((await analyst.GetAsync<Paged<MentionView>>("/api/mentions?platform=xiaohongshu&sentiment=positive")).Items, m => m.Id == item.Id);
        await AssertCountedNegativeAsync(analyst, item, shareBefore);

        // A newer model calls it positive again: its label and score change beside the correction, which stands.
        await Api.Store.AppendAsync(item.Id, MonitorEventTypes.CoverageStream, ExpectedVersion.Any,
        [
            new EventData(CoverageIdentity.NameBased(item.Id, "rescored:v3"), new SentimentRescored(item.Id, item.Platform, item.PublishedAt,
                SentimentLabels.Positive, 0.625, 0.9, "test-v3", "test-v1", SentimentLabels.Positive, [], item.Entities, item.Reach)),
        ]);
        await Api.WaitForProjectionsAsync();

        var rescored = Assert.Single((await analyst.GetAsync<Paged<MentionView>>("/api/mentions?platform=xiaohongshu&sentiment=negative")).Items, m => m.Id == item.Id);
        Assert.Equal((SentimentLabels.Negative, SentimentLabels.Positive, "test-v3", 0.625),
            (rescored.Sentiment!.Label, rescored.Sentiment.ModelLabel, rescored.Sentiment.ModelVersion, rescored.Sentiment.Score));
        await AssertCountedNegativeAsync(analyst, item, shareBefore);
        var csv = Csv.Parse(await analyst.GetStringAsync("/api/mentions/export?format=csv&platform=xiaohongshu"));
        var row = csv.Single(r => r[0] == item.Id.ToString());
        var column = (string name) => row[Array.IndexOf(MentionExport.CsvHeader, name)];
        Assert.Equal((SentimentLabels.Negative, SentimentLabels.Positive, "ana"), (column("sentimentLabel"), column("modelLabel"), column("correctedBy")));
    }

    /// <summary>The minute timeline (its own read model) and share of voice (over the mentions) both count the item as negative.</summary>
    private static async Task AssertCountedNegativeAsync(HttpClient http, SampleItem item, EntityShare before)
    {
        var minute = Assert.Single(await http.GetAsync<TimelinePoint[]>("/api/timeline?bucket=minute&platform=xiaohongshu"),
            p => p.Bucket == new DateTimeOffset(item.PublishedAt.UtcDateTime, TimeSpan.Zero));
        Assert.Equal((0, 0, 1), (minute.Positive, minute.Neutral, minute.Negative));
        var share = await ShareAsync(http, "xiaomi-su7");
        Assert.Equal((before.Positive - 1, before.Negative + 1, before.Mentions), (share.Positive, share.Negative, share.Mentions));
    }

    private static async Task<EntityShare> ShareAsync(HttpClient http, string entity) =>
        Assert.Single(await http.GetAsync<EntityShare[]>($"/api/entities/share?entity={entity}"), s => s.Entity == entity);

    [Fact]
    public async Task Sending_the_same_correction_again_stores_one_event()
    {
        var item = SampleCoverage.Item("w4");
        using var admin = Api.Client();

        using var first = await admin.PostAsJsonAsync(PathOf(item), new { label = "Neutral" });
        using var again = await admin.PostAsJsonAsync(PathOf(item), new { label = "neutral" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadFromJsonAsync<CorrectionView>(), await again.Content.ReadFromJsonAsync<CorrectionView>());
        var events = await Api.Store.ReadStreamAsync(item.Id);
        var correction = Assert.Single(events, e => e.Data is SentimentCorrected);
        Assert.Equal(CoverageEventIds.Corrected(item.Id, correction.Version - 1, SentimentLabels.Neutral, "admin"), correction.Id);
    }

    [Fact]
    public async Task A_later_correction_replaces_an_earlier_one()
    {
        var item = SampleCoverage.Item("n2"); // neutral
        using var admin = Api.Client();

        (await admin.PostAsJsonAsync(PathOf(item), new { label = "negative" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync(PathOf(item), new { label = "positive", note = "on second reading" })).EnsureSuccessStatusCode();
        await Api.WaitForProjectionsAsync();

        var corrections = (await Api.Store.ReadStreamAsync(item.Id)).Select(e => e.Data).OfType<SentimentCorrected>().ToArray();
        Assert.Equal([(SentimentLabels.Neutral, SentimentLabels.Negative), (SentimentLabels.Negative, SentimentLabels.Positive)],
            corrections.Select(c => (c.PreviousLabel, c.Label)));
        var listed = Assert.Single((await admin.GetAsync<Paged<MentionView>>("/api/mentions?platform=news&sentiment=positive")).Items, m => m.Id == item.Id);
        Assert.Equal((SentimentLabels.Positive, SentimentLabels.Neutral, "on second reading"),
            (listed.Sentiment!.Label, listed.Sentiment.ModelLabel, listed.Sentiment.Correction!.Note));
    }

    [Fact]
    public async Task Viewers_may_not_correct()
    {
        using var viewer = Api.Client(await Api.IssueKeyAsync("vic", Roles.Viewer));

        using var response = await viewer.PostAsJsonAsync(PathOf(SampleCoverage.Item("d2")), new { label = "neutral" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(await Api.Store.ReadStreamAsync(SampleCoverage.Item("d2").Id), e => e.Data is SentimentCorrected);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"label":"angry"}""", "label" },
        { """{"note":"no label"}""", "label" },
        { """{"label":"negative","note":"a\u0000b"}""", "note" },
        { $$"""{"label":"negative","note":"{{new string('x', SentimentCorrected.MaxNoteLength + 1)}}"}""", "note" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var item = SampleCoverage.Item("d2");
        using var admin = Api.Client();

        using var response = await admin.PostAsync(PathOf(item), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync();
        Assert.Equal(400, problem.Status);
        Assert.Equal([field], problem.Fields);
        Assert.DoesNotContain(await Api.Store.ReadStreamAsync(item.Id), e => e.Data is SentimentCorrected);
    }

    [Fact]
    public async Task An_unknown_mention_is_not_found_and_an_unscored_one_is_a_conflict()
    {
        using var admin = Api.Client();

        using var unknown = await admin.PostAsJsonAsync($"/api/mentions/{Guid.NewGuid()}/sentiment", new { label = "neutral" });
        using var unscored = await admin.PostAsJsonAsync(PathOf(SampleCoverage.Item("w5")), new { label = "neutral" });

        Assert.Equal(404, (await unknown.ProblemAsync()).Status);
        Assert.Equal(409, (await unscored.ProblemAsync()).Status);
        Assert.DoesNotContain(await Api.Store.ReadStreamAsync(SampleCoverage.Item("w5").Id), e => e.Data is SentimentCorrected);
    }
}
