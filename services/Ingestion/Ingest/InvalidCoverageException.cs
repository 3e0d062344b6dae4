namespace Monitor.Ingestion.Ingest;

/// <summary>
/// A CoverageReceived that can never be ingested as it is. Retrying cannot fix it, so the consumer
/// moves the message straight to coverage-received_error, with this message (naming the fields) in
/// its headers.
/// </summary>
public sealed class InvalidCoverageException(ValidationErrors errors)
    : Exception("Invalid CoverageReceived: " + errors)
{
    public ValidationErrors Errors { get; } = errors;
}
