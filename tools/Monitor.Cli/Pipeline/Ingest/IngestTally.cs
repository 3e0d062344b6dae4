namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>What happened to one platform's items in an ingest run.</summary>
/// <param name="Read">Items read from the source (a post read twice counts twice).</param>
/// <param name="Duplicates">Items the source held more than once; the last reading is sent.</param>
/// <param name="Rejected">Rows the CLI could not read plus items ingestion refused.</param>
/// <param name="Accepted">Items ingestion took.</param>
/// <param name="Ingested">New items.</param>
/// <param name="Updated">Known items with new counts.</param>
/// <param name="Unchanged">Known items whose counts did not change (already ingested before).</param>
public sealed record PlatformTally(string Platform, int Read, int Duplicates, int Rejected, int Accepted, int Ingested, int Updated, int Unchanged);

/// <summary>Counts an ingest run per platform as it goes.</summary>
public sealed class IngestTally
{
    private readonly SortedDictionary<string, int[]> _counts = new(StringComparer.Ordinal);
    private readonly List<RejectedRow> _rejected = [];

    public IReadOnlyList<RejectedRow> RejectedRows => _rejected;

    public void Read(string platform, int count = 1) => Add(platform, 0, count);

    public void Duplicate(string platform) => Add(platform, 1, 1);

    public void Reject(RejectedRow row)
    {
        _rejected.Add(row);
        Add(row.Platform ?? "(unknown)", 2, 1);
    }

    public void Accept(string platform, IngestReply reply)
    {
        Add(platform, 3, reply.Accepted);
        Add(platform, 4, reply.Ingested);
        Add(platform, 5, reply.Updated);
        Add(platform, 6, reply.Unchanged);
    }

    public IReadOnlyList<PlatformTally> Platforms() =>
        _counts.Select(p => new PlatformTally(p.Key, p.Value[0], p.Value[1], p.Value[2], p.Value[3], p.Value[4], p.Value[5], p.Value[6])).ToList();

    public PlatformTally Total()
    {
        var all = Platforms();
        return new PlatformTally("total", all.Sum(p => p.Read), all.Sum(p => p.Duplicates), all.Sum(p => p.Rejected), all.Sum(p => p.Accepted),
            all.Sum(p => p.Ingested), all.Sum(p => p.Updated), all.Sum(p => p.Unchanged));
    }

    private void Add(string platform, int column, int count)
    {
        if (!_counts.TryGetValue(platform, out var row)) _counts[platform] = row = new int[7];
        row[column] += count;
    }
}
