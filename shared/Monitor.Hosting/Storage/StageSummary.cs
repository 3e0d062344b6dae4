using Monitor.EventStore;

namespace Monitor.Hosting.Storage;

/// <summary>What a pipeline stage's batch append did: events appended, and events already stored (a redelivery).</summary>
public sealed record StageSummary(int Appended, int AlreadyStored)
{
    /// <summary>
    /// Stages append with ExpectedVersion.Any, which cannot conflict; a conflict here means the store
    /// broke that promise, and failing the batch (retry, then _error) is safer than dropping the event.
    /// </summary>
    public static StageSummary Of(IReadOnlyList<StreamAppendOutcome> outcomes)
    {
        var conflict = outcomes.FirstOrDefault(o => o.Status == AppendStatus.Conflict);
        if (conflict is not null)
            throw new InvalidOperationException($"Appending to coverage stream {conflict.StreamId} conflicted although any version was expected");
        var appended = outcomes.Count(o => o.Status == AppendStatus.Appended);
        return new StageSummary(appended, outcomes.Count - appended);
    }
}
