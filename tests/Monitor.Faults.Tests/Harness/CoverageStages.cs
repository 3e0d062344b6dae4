using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Faults.Tests.Harness;

/// <summary>One coverage item as the read model sees it: how many events of each stage reached it.</summary>
public sealed record CoverageStageCounts(int Ingested, int MetricsUpdates, int Extracted, int Scored, string? Label);

/// <summary>
/// A read model of every coverage stream's stage counts. One instance runs live through a scenario's
/// faults; a second is rebuilt from the whole log afterwards, and the two must be equal: a live
/// subscription that skipped or repeated an event across a crash would differ.
/// </summary>
public sealed class CoverageStages(string schema, string name)
    : DocumentProjection<CoverageStageCounts>(schema, name)
{
    public override string Name => name;

    public override IReadOnlyCollection<string> EventTypes => MonitorEventTypes.Published;

    protected override Guid? DocumentIdOf(StoredEvent e) => e.StreamId;

    protected override CoverageStageCounts Apply(CoverageStageCounts? current, StoredEvent e)
    {
        var counts = current ?? new CoverageStageCounts(0, 0, 0, 0, null);
        return e.Data switch
        {
            Contracts.CoverageIngested => counts with { Ingested = counts.Ingested + 1 },
            Contracts.CoverageMetricsUpdated => counts with { MetricsUpdates = counts.MetricsUpdates + 1 },
            Contracts.ContentExtracted => counts with { Extracted = counts.Extracted + 1 },
            Contracts.SentimentScored s => counts with { Scored = counts.Scored + 1, Label = s.Label },
            _ => counts,
        };
    }
}
