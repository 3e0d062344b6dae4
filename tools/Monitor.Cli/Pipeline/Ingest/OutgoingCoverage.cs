using System.Text.Json;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>One coverage item ready to POST, with the stream it will land in and where it came from.</summary>
/// <param name="Origin">Where the item was read ("su7.csv line 12", "weibo 5021...") so errors can point at it.</param>
/// <param name="Json">The camelCase CoverageReceived body the ingestion service accepts.</param>
public sealed record OutgoingCoverage(Guid CoverageId, string Platform, string Origin, JsonElement Json);

/// <summary>A row or item left out, where it was read and why.</summary>
/// <param name="Platform">The platform when the row named a known one, for the per-platform summary.</param>
public sealed record RejectedRow(string Origin, string? Platform, string Reason)
{
    public override string ToString() => $"{Origin}: {Reason}";
}

/// <summary>What a source yielded: items to send, and rows or items that could not be read.</summary>
public sealed record CoverageInput(string Description, IReadOnlyList<OutgoingCoverage> Items, IReadOnlyList<RejectedRow> Rejected);
