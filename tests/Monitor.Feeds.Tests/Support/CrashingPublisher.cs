using Monitor.Contracts;

namespace Monitor.Feeds.Tests.Support;

/// <summary>Records what a feed published; can simulate the process dying right after a publish was confirmed.</summary>
public sealed class CrashingPublisher : global::Monitor.Feeds.Sdk.Testing.RecordingPublisher
{
    /// <summary>When set, the publish that brings the total to at least this many items "crashes" after it is confirmed.</summary>
    public int? CrashAfterTotal { get; set; }

    public override async Task PublishAsync(IReadOnlyList<CoverageReceived> items, CancellationToken cancellationToken)
    {
        await base.PublishAsync(items, cancellationToken);
        if (CrashAfterTotal is { } limit && Published.Count >= limit)
        {
            CrashAfterTotal = null;
            throw new SimulatedCrashException();
        }
    }
}

public sealed class SimulatedCrashException() : Exception("the feed process died after the broker confirmed the page");
