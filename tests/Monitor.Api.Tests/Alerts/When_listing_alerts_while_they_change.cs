using Monitor.Api.Alerts;
using Monitor.Api.Querying;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Api.Tests.Alerts;

/// <summary>
/// The list, its total, its open count and its position come from one snapshot: whatever the alerts projection
/// commits while the list is read, each answer describes exactly the alert events up to its position.
/// </summary>
public class When_listing_alerts_while_they_change(SampleApi sample) : IClassFixture<SampleApi>
{
    private const int Raised = 60;
    private const int MostReads = 400;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(15);

    private ApiApp Api => sample.Api;

    [Fact]
    public async Task Each_answer_counts_and_lists_exactly_the_alert_events_up_to_its_position()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var writing = RaiseAndAcknowledgeAsync(Guid.NewGuid(), timeout.Token);
        using var http = Api.Client();

        var answers = new List<AlertList>();
        while (!writing.IsCompleted && answers.Count < MostReads)
            answers.Add(await http.GetAsync<AlertList>($"/api/alerts?pageSize={Paging.MaxPageSize}"));
        await writing;
        await Api.WaitForProjectionsAsync();
        answers.Add(await http.GetAsync<AlertList>($"/api/alerts?pageSize={Paging.MaxPageSize}"));

        var log = await AlertLogAsync(timeout.Token);
        foreach (var answer in answers)
        {
            Assert.True(StreamPosition.TryParse(answer.Position, out var position), $"'{answer.Position}' is not a position");
            var upTo = AlertsAt(log.TakeWhile(e => e.Position <= position));
            var context = $"answer at {answer.Position}";
            Assert.True(upTo.Count == answer.Total, $"{context}: total {answer.Total}, alerts raised up to it {upTo.Count}");
            Assert.True(upTo.Count(a => !a.Acknowledged) == answer.Open, $"{context}: open {answer.Open}, open up to it {upTo.Count(a => !a.Acknowledged)}");
            Assert.Equal(upTo.OrderByDescending(a => a.RaisedAt).Select(a => (a.Id, a.Acknowledged)),
                answer.Items.Select(a => (a.Id, a.Acknowledged is not null)));
        }
        Assert.Equal(Raised, answers[^1].Total);
        Assert.InRange(answers[^1].Open, 1, Raised - 1);
        // The reads overlapped the projection's commits: otherwise this would prove nothing about concurrency.
        Assert.True(answers.Select(a => a.Position).Distinct().Count() >= 3,
            $"only {answers.Select(a => a.Position).Distinct().Count()} positions in {answers.Count} answers: the list was not read while the alerts changed");
    }

    /// <summary>
    /// Raises <see cref="Raised"/> alerts, one append at a time: every third is acknowledged in the append that raises
    /// it, every third after it a few appends later (in an append of its own), the rest never.
    /// </summary>
    private async Task RaiseAndAcknowledgeAsync(Guid subscription, CancellationToken ct)
    {
        const int later = 4;
        var alerts = new AlertRaised[Raised];
        for (var i = 0; i < Raised; i++)
        {
            alerts[i] = SampleAlerts.Alert(subscription, "busy", SampleCoverage.Start.AddMinutes(i));
            EventData[] events = i % 3 == 0 ? [new(Guid.NewGuid(), alerts[i]), Acknowledgement(alerts[i])] : [new(Guid.NewGuid(), alerts[i])];
            await Api.Store.AppendAsync(alerts[i].AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any, events, ct);
            if (i >= later && (i - later) % 3 == 1)
                await Api.Store.AppendAsync(alerts[i - later].AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any, [Acknowledgement(alerts[i - later])], ct);
            await Task.Delay(Pace, ct);
        }
    }

    private static EventData Acknowledgement(AlertRaised alert) =>
        new(AcknowledgeAlert.EventIdFor(alert.AlertId), new AlertAcknowledged(alert.AlertId, "ana", alert.RaisedAt.AddMinutes(1)));

    /// <summary>Every alert event stored, in log order, read in bounded pages.</summary>
    private async Task<IReadOnlyList<StoredEvent>> AlertLogAsync(CancellationToken ct)
    {
        var log = new List<StoredEvent>();
        var after = GlobalPosition.Start;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await Api.Store.ReadAllAsync(after, 100, includeArchived: true, [MonitorEventTypes.AlertRaised, MonitorEventTypes.AlertAcknowledged], ct);
            if (page.Count == 0) return log;
            log.AddRange(page);
            after = page[^1].Position;
        }
        throw new InvalidOperationException("the alert log has more than 100 pages");
    }

    private static IReadOnlyList<(Guid Id, DateTimeOffset RaisedAt, bool Acknowledged)> AlertsAt(IEnumerable<StoredEvent> events)
    {
        var raised = new Dictionary<Guid, DateTimeOffset>();
        var acknowledged = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (e.Data is AlertRaised r) raised[r.AlertId] = r.RaisedAt;
            else if (e.Data is AlertAcknowledged a) acknowledged.Add(a.AlertId);
        }
        return raised.Select(r => (r.Key, r.Value, acknowledged.Contains(r.Key))).ToArray();
    }
}
