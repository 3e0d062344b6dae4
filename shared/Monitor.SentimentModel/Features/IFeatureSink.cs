namespace Monitor.SentimentModel.Features;

/// <summary>Receives every feature occurrence of a text: its hash and the span of text it shows as a phrase.</summary>
public interface IFeatureSink
{
    void Add(uint hash, int start, int length);
}
