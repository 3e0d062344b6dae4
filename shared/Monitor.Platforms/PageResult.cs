using Monitor.Contracts;

namespace Monitor.Platforms;

/// <summary>What a reader made of one page of results: the items it read and the items it had to skip.</summary>
public sealed record PageResult(IReadOnlyList<CoverageReceived> Items, IReadOnlyList<SkippedItem> Skipped)
{
    public static readonly PageResult Empty = new([], []);
}
