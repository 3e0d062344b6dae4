using System.Collections.Concurrent;
using Monitor.Contracts;
using Monitor.Feeds.Sdk.Publishing;

namespace Monitor.Feeds.Tests.Support;

/// <summary>Records what a feed published; can simulate the process dying right after a publish was confirmed.</summary>
public sealed class RecordingPublisher : ICoveragePublisher
{
    public ConcurrentQueue<CoverageReceived> Published { get; } = new();

    /// <summary>When set, the publish that brings the total to at least this many items "crashes" after it is confirmed.</summary>
    public int? CrashAfterTotal { get; set; }

    public Task PublishAsync(IReadOnlyList<CoverageReceived> items, CancellationToken cancellationToken)
    {
        foreach (var item in items) Published.Enqueue(item);
        if (CrashAfterTotal is { } limit && Published.Count >= limit)
        {
            CrashAfterTotal = null;
            throw new SimulatedCrashException();
        }
        return Task.CompletedTask;
    }
}

public sealed class SimulatedCrashException() : Exception("the feed process died after the broker confirmed the page");
