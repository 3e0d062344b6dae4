namespace Monitor.SentimentModel.Training;

/// <summary>Hyper-parameters of the embedding bag; the defaults are the best found on dev.</summary>
public sealed record EmbeddingOptions
{
    /// <summary>Feature vectors: 2^HashBits of them, 16 signed bytes each.</summary>
    public int HashBits { get; init; } = 17;

    public int Hidden { get; init; } = 16;
    public int Epochs { get; init; } = 5;

    /// <summary>Starting SGD step; it falls linearly to zero over the run.</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>Initial vectors are uniform in ±InitialRange.</summary>
    public double InitialRange { get; init; } = 0.1;

    /// <summary>Vectors are quantised to 8 bits with this quantile of |value| as the largest step (outliers clip).</summary>
    public double QuantisationQuantile { get; init; } = 0.9999;
}
