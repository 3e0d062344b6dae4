using Monitor.Feeds.Sdk.Configuration;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Monitor.Feeds.Sdk.Polling;

/// <summary>Turns a failed cycle's exception into the one-line reason an operator reads in FeedFailing.</summary>
public static class FailureReason
{
    public static string Describe(Exception e) => e switch
    {
        FeedNotConfiguredException => e.Message,
        BrokenCircuitException => $"circuit open after repeated failures, requests paused: {e.Message}",
        TimeoutRejectedException timeout => $"timed out after {timeout.Timeout}",
        _ when e.InnerException is { } inner && e is AggregateException => Describe(inner),
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
