namespace Monitor.Platforms;

/// <summary>The document is not a readable feed: malformed XML, an unknown root element, or too large.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
