namespace Monitor.SentimentModel.Features;

/// <summary>Receives every feature occurrence of a text: its hash and the span of text it shows as a phrase.</summary>
public interface IFeatureSink
{
    /// <summary>An n-gram feature; its value shrinks with the text's length (count / sqrt(occurrences)).</summary>
    void Add(uint hash, int start, int length);

    /// <summary>
    /// An emoticon feature: worth the same in a long post as in a short one, because on Weibo one
    /// [泪] or [哈哈] sets the tone of a whole post however much text surrounds it.
    /// </summary>
    void AddUnscaled(uint hash, int start, int length);
}
