namespace Monitor.Contracts;

/// <summary>Interaction counts of an item, already parsed from the platform's display form ("1.2万" = 12000).</summary>
/// <remarks>A null count means the source did not say, which is not the same as zero.</remarks>
public sealed record Engagement(
    long? Likes = null,
    long? Comments = null,
    long? Shares = null,
    long? Views = null,
    long? Collects = null)
{
    public static readonly Engagement None = new();
}
