using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>Everything read from a corpus directory.</summary>
/// <param name="Items">Every sighting, oldest first. A post found on two pages appears twice (same identity, its counts as each page had them).</param>
/// <param name="Skipped">Items and files that could not be read, each with the file and the reason.</param>
public sealed record CorpusReadResult(IReadOnlyList<CoverageReceived> Items, IReadOnlyList<SkippedItem> Skipped)
{
    /// <summary>How many distinct posts (by <see cref="CoverageIdentity"/>) the items hold.</summary>
    public int DistinctCount => Items.Select(i => CoverageIdentity.For(i.Platform, i.PlatformId, i.Url)).Distinct().Count();

    public IEnumerable<CoverageReceived> On(string platform) => Items.Where(i => i.Platform == platform);
}
