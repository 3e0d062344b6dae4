namespace Monitor.Contracts.Alerts;

/// <summary>
/// What coverage a subscription watches. An empty list does not restrict. Platforms and entities are
/// matched against SentimentScored; languages and terms need the item's extracted text (ContentExtracted),
/// so an item whose text is unknown never matches a scope that names languages or terms.
/// A list left out (null, in a request or in a stream stored by an older release) reads as empty.
/// </summary>
/// <param name="Platforms">Any of <see cref="Contracts.PlatformNames"/>.</param>
/// <param name="EntityIds">Gazetteer entity ids; an item matches when it mentions any of them.</param>
/// <param name="RequiredTerms">Every term must occur in the text (case-insensitive).</param>
/// <param name="ExcludedTerms">No term may occur in the text.</param>
/// <param name="Languages">"zh", "en" or "mixed".</param>
public sealed record SubscriptionScope(
    IReadOnlyList<string> Platforms,
    IReadOnlyList<string> EntityIds,
    IReadOnlyList<string> RequiredTerms,
    IReadOnlyList<string> ExcludedTerms,
    IReadOnlyList<string> Languages)
{
    public static readonly SubscriptionScope Everything = new([], [], [], [], []);

    /// <summary>The languages a scope may name.</summary>
    public static readonly IReadOnlyList<string> KnownLanguages = ["zh", "en", "mixed"];

    public IReadOnlyList<string> Platforms { get; init; } = Platforms ?? [];
    public IReadOnlyList<string> EntityIds { get; init; } = EntityIds ?? [];
    public IReadOnlyList<string> RequiredTerms { get; init; } = RequiredTerms ?? [];
    public IReadOnlyList<string> ExcludedTerms { get; init; } = ExcludedTerms ?? [];
    public IReadOnlyList<string> Languages { get; init; } = Languages ?? [];

    public bool NeedsText => RequiredTerms.Count > 0 || ExcludedTerms.Count > 0 || Languages.Count > 0;
}
