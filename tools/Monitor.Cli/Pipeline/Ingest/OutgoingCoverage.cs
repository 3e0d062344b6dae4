using System.Text.Json;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>One coverage item ready to POST, with the stream it will land in and where it came from.</summary>
/// <param name="Origin">Where the item was read ("line 12", "weibo 5021...") so errors can point at it.</param>
/// <param name="Json">The camelCase CoverageReceived body the ingestion service accepts.</param>
public sealed record OutgoingCoverage(Guid CoverageId, string Platform, string Origin, JsonElement Json);

/// <summary>What a source yielded: items to send, and items the platform readers could not read.</summary>
public sealed record CoverageInput(string Description, IReadOnlyList<OutgoingCoverage> Items, IReadOnlyList<string> Skipped);
