using Monitor.Contracts;

namespace Monitor.TextAnalysis;

/// <summary>
/// Reads a coverage item and returns what extraction appends: language, normalised text, entities,
/// hashtags, mentions, URLs, keywords, reach and the near-duplicate cluster. Build one per process;
/// it is immutable and thread-safe.
/// </summary>
public sealed class ContentExtractor
{
    /// <summary>How many keywords an item carries at most.</summary>
    public const int MaxKeywords = 10;

    private readonly Gazetteer _gazetteer;
    private readonly KeywordExtractor _keywords;

    public ContentExtractor(Gazetteer gazetteer, KeywordExtractor keywords)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(keywords);
        _gazetteer = gazetteer;
        _keywords = keywords;
    }

    public Gazetteer Gazetteer => _gazetteer;

    /// <summary>The subject from <c>MONITOR_SUBJECT</c> (else the built-in SU7 subject) and the built-in dictionary with that subject's Chinese names added.</summary>
    public static ContentExtractor CreateDefault() => Create(Gazetteer.LoadDefault());

    /// <summary>An extractor for <paramref name="gazetteer"/>, with the built-in dictionary and the gazetteer's Chinese aliases added to it.</summary>
    public static ContentExtractor Create(Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        var subjectWords = gazetteer.Entities.SelectMany(e => e.Aliases);
        return new ContentExtractor(gazetteer, KeywordExtractor.CreateDefault(subjectWords));
    }

    /// <exception cref="ArgumentException">The item's platform is unknown or a count is negative.</exception>
    public ContentExtracted Extract(CoverageIngested item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var links = new List<string>();
        var body = TextNormalizer.Normalize(item.Text ?? "", links);
        var title = item.Title is null ? "" : TextNormalizer.Normalize(item.Title);
        // Titles are part of what was said (news headlines, Xiaohongshu note titles), unless the body repeats them.
        var text = title.Length == 0 || body.StartsWith(title, StringComparison.Ordinal) ? body
            : body.Length == 0 ? title
            : title + "\n" + body;

        var hashtags = SocialMarkers.Distinct((item.Hashtags ?? []).Select(h => h.Trim().Trim('#')).Concat(SocialMarkers.Hashtags(text, item.Platform)));
        var urls = SocialMarkers.Distinct(SocialMarkers.Urls(text).Concat(links));

        return new ContentExtracted(
            CoverageId: item.CoverageId,
            Platform: item.Platform,
            PublishedAt: item.PublishedAt,
            Language: LanguageDetector.Detect(text),
            NormalizedText: text,
            Entities: _gazetteer.Find(text),
            Hashtags: hashtags,
            Mentions: SocialMarkers.Mentions(text),
            Urls: urls,
            Keywords: _keywords.Extract(text, MaxKeywords),
            Reach: ReachModel.Estimate(item.Platform, item.Author, item.Engagement ?? Engagement.None),
            // A text with no words (an emoji-only reply, a bare "转发微博") is its own cluster.
            ClusterId: ClusterKey.Compute(text) ?? "item-" + item.CoverageId.ToString("N"),
            SimHash: SimHash.Compute(text));
    }
}
