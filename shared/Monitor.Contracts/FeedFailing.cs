namespace Monitor.Contracts;

/// <summary>A feed's poll cycle failed; it will try again at its next cycle.</summary>
/// <param name="Reason">What went wrong, for an operator: "GET https://... timed out after 00:00:10", "circuit open", ...</param>
/// <param name="ConsecutiveFailures">How many cycles in a row have failed, this one included.</param>
public sealed record FeedFailing(
    string Feed,
    string Reason,
    int ConsecutiveFailures,
    DateTimeOffset At);
