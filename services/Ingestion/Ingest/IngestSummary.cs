namespace Monitor.Ingestion.Ingest;

/// <summary>
/// What an ingest call did: items accepted, of which new, updated with new counts, unchanged (the
/// stored counts are already these), or outdated (the item holds a newer observation, so these older
/// counts were not stored).
/// </summary>
public sealed record IngestSummary(int Accepted, int Ingested, int Updated, int Unchanged, int Outdated = 0)
{
    public static readonly IngestSummary Empty = new(0, 0, 0, 0);

    public static IngestSummary operator +(IngestSummary a, IngestSummary b) =>
        new(a.Accepted + b.Accepted, a.Ingested + b.Ingested, a.Updated + b.Updated, a.Unchanged + b.Unchanged, a.Outdated + b.Outdated);
}
