using Monitor.TextAnalysis;

namespace Monitor.TextAnalysis.Tests;

/// <summary>The built-in subject and extractor, built once for the whole test run (building takes a fraction of a second).</summary>
internal static class BuiltIn
{
    private static readonly Lazy<Gazetteer> GazetteerLazy = new(Gazetteer.LoadBuiltIn);
    private static readonly Lazy<ContentExtractor> ExtractorLazy = new(() => ContentExtractor.Create(GazetteerLazy.Value));
    private static readonly Lazy<KeywordExtractor> KeywordsLazy = new(() => KeywordExtractor.CreateDefault());

    public static Gazetteer Gazetteer => GazetteerLazy.Value;
    public static ContentExtractor Extractor => ExtractorLazy.Value;

    /// <summary>The built-in dictionary without any subject words.</summary>
    public static KeywordExtractor Keywords => KeywordsLazy.Value;
}
