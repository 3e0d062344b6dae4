namespace Monitor.SentimentModel.Training;

/// <summary>
/// Binary logistic regression trained by AdaGrad SGD with L2 applied to the weights a row touches,
/// optionally with feature dropout (each pass over a row drops features at random).
/// Single-threaded with a seeded shuffle, so the same data gives the same weights bit for bit.
/// </summary>
internal sealed class LogisticRegression(int dimensions, TrainingOptions options)
{
    public float[] Weights { get; } = new float[dimensions];
    public float Bias { get; private set; }

    /// <param name="offsets">A fixed logit per row added to this model's (another model's verdict it corrects); null: none.</param>
    /// <param name="learnBias">False: the bias stays 0 (the offsets carry it).</param>
    public void Train(IReadOnlyList<SparseVector> rows, IReadOnlyList<float> targets, IReadOnlyList<float> rowWeights, Action<int>? afterEpoch = null,
        IReadOnlyList<float>? offsets = null, bool learnBias = true)
    {
        var squares = new float[Weights.Length];
        var biasSquares = 0.0;
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var random = new SplitMix64((ulong)options.Seed);
        var eta = (float)options.LearningRate;
        var l2 = (float)options.L2;
        var averaged = options.AverageEpochs ? new double[Weights.Length] : null;
        var averagedBias = 0.0;
        if (options.FeatureDropout is < 0 or >= 1 || (float)options.FeatureDropout >= 1f)
            throw new ArgumentOutOfRangeException(nameof(options), options.FeatureDropout, "Feature dropout must be in [0, 1): at 1 every feature would be dropped.");
        var dropout = (float)options.FeatureDropout;
        var keep = 1f / (1f - dropout);
        var dropThreshold = (ulong)(dropout * (double)ulong.MaxValue);
        var masked = Array.Empty<float>();

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            Shuffle(order, random);
            foreach (var r in order)
            {
                var row = rows[r];
                var z = (double)Bias + (offsets?[r] ?? 0f);
                var indices = row.Indices;
                var values = row.Values;
                if (dropout > 0)
                {
                    // feature noising: each feature of this pass is dropped with probability p, the rest scaled by 1/(1-p)
                    if (masked.Length < values.Length) masked = new float[values.Length * 2];
                    for (var k = 0; k < values.Length; k++) masked[k] = random.Next() < dropThreshold ? 0f : values[k] * keep;
                    values = masked;
                }
                for (var k = 0; k < indices.Length; k++) z += Weights[indices[k]] * values[k];
                var p = 1.0 / (1.0 + Math.Exp(-z));
                var error = (float)((p - targets[r]) * rowWeights[r]);

                for (var k = 0; k < indices.Length; k++)
                {
                    var j = indices[k];
                    if (dropout > 0 && values[k] == 0) continue;
                    var g = error * values[k] + l2 * Weights[j];
                    squares[j] += g * g;
                    Weights[j] -= eta * g / (MathF.Sqrt(squares[j]) + 1e-6f);
                }
                if (!learnBias) continue;
                biasSquares += error * error;
                Bias -= (float)(eta * error / (Math.Sqrt(biasSquares) + 1e-6));
            }
            if (averaged is not null)
            {
                for (var j = 0; j < Weights.Length; j++) averaged[j] += Weights[j];
                averagedBias += Bias;
            }
            afterEpoch?.Invoke(epoch);
        }

        // the mean of the end-of-epoch weights is steadier than the last epoch's alone
        if (averaged is null) return;
        for (var j = 0; j < Weights.Length; j++) Weights[j] = (float)(averaged[j] / options.Epochs);
        Bias = (float)(averagedBias / options.Epochs);
    }

    private static void Shuffle(int[] order, SplitMix64 random) => random.Shuffle(order);
}
