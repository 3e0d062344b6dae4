namespace Monitor.Contracts;

/// <summary>What extraction read out of a coverage item's text.</summary>
/// <param name="Language">"zh", "en" or "mixed".</param>
/// <param name="NormalizedText">HTML removed, full-width forms folded, emoji kept.</param>
/// <param name="Entities">Gazetteer entities found in the text, with how often.</param>
/// <param name="Reach">Estimated audience, normalised across platforms (see extraction's reach model).</param>
/// <param name="ClusterId">Near-duplicate cluster: reposts and syndicated copies share it.</param>
/// <param name="SimHash">64-bit SimHash of the text's shingles, for near-duplicate lookups.</param>
public sealed record ContentExtracted(
    Guid CoverageId,
    string Platform,
    DateTimeOffset PublishedAt,
    string Language,
    string NormalizedText,
    IReadOnlyList<EntityMention> Entities,
    IReadOnlyList<string> Hashtags,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<string> Urls,
    IReadOnlyList<string> Keywords,
    long Reach,
    string ClusterId,
    ulong SimHash);
