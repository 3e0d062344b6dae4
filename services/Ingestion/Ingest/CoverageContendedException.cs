namespace Monitor.Ingestion.Ingest;

/// <summary>
/// Coverage streams kept being written by other ingests while this one decided, round after round.
/// Nothing of the losing items was stored; sending them again is safe (the HTTP endpoint answers 503
/// with Retry-After, the bus consumer retries the batch).
/// </summary>
public sealed class CoverageContendedException(int streams, Guid example, int rounds)
    : Exception($"{streams} coverage stream(s) kept changing under ingestion for {rounds} rounds, e.g. {example}; they were not stored, send them again.");
