namespace Monitor.Feeds.Sdk.Configuration;

/// <summary>
/// The feed was started without a setting it cannot read anything without: not a fault of its source, so it is
/// reported as the plain "not configured: set X (...)" in the health check, the log and FeedFailing, never as an exception.
/// </summary>
public sealed class FeedNotConfiguredException(string variable, string what)
    : InvalidOperationException($"not configured: set {variable} ({what})")
{
    public string Variable { get; } = variable;
}
