using Monitor.Contracts;
using Monitor.EventStore;

namespace Monitor.Hosting.Storage;

/// <summary>
/// A coverage stream's sentiment: the model's latest score (SentimentScored or SentimentRescored, the later
/// one) and a person's latest correction. The corrected label, once given, is the item's label.
/// </summary>
public sealed record CoverageSentiment(string? ModelLabel, string? ModelVersion, SentimentCorrected? Correction)
{
    /// <summary>The label the item counts under: the correction's, else the model's; null while unscored.</summary>
    public string? Label => Correction?.Label ?? ModelLabel;

    public static CoverageSentiment Of(IEnumerable<StoredEvent> stream)
    {
        string? label = null, version = null;
        SentimentCorrected? correction = null;
        foreach (var e in stream.OrderBy(e => e.Version))
        {
            switch (e.Data)
            {
                case SentimentScored s: (label, version) = (s.Label, s.ModelVersion); break;
                case SentimentRescored r: (label, version) = (r.Label, r.ModelVersion); break;
                case SentimentCorrected c: correction = c; break;
            }
        }
        return new CoverageSentiment(label, version, correction);
    }
}
