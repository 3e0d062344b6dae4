using Monitor.SentimentModel.Ensemble;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// Trains the <see cref="EmbeddingBag"/> by SGD on the logistic loss, fastText-style: a seeded shuffle
/// each epoch, a step that falls linearly to zero, sparse updates to the vectors of the features a
/// row holds. Single-threaded, so the same data gives the same network bit for bit.
/// </summary>
internal sealed class EmbeddingBagTrainer(EmbeddingOptions options, int seed)
{
    private const int D = EmbeddingBag.Dimensions;

    public EmbeddingBag Train(IReadOnlyList<SparseVector> rows, IReadOnlyList<float> targets, IReadOnlyList<float> rowWeights, Action<int, double>? afterEpoch = null)
    {
        var random = new SplitMix64((ulong)seed ^ 0xE3B0C44298FC1C14UL);
        var hidden = options.Hidden;
        var embeddings = new float[(1 << options.HashBits) * D];
        for (var i = 0; i < embeddings.Length; i++) embeddings[i] = random.Uniform((float)options.InitialRange);
        var w1 = new float[hidden * D];
        var limit1 = MathF.Sqrt(6f / (D + hidden));
        for (var i = 0; i < w1.Length; i++) w1[i] = random.Uniform(limit1);
        var b1 = new float[hidden];
        var w2 = new float[hidden];
        var limit2 = MathF.Sqrt(6f / (hidden + 1));
        for (var i = 0; i < w2.Length; i++) w2[i] = random.Uniform(limit2);
        var b2 = 0f;

        var order = Enumerable.Range(0, rows.Count).ToArray();
        var input = new float[D];
        var gradInput = new float[D];
        var activation = new float[hidden];
        var total = (double)options.Epochs * rows.Count;
        var step = 0L;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var loss = 0.0;
            foreach (var r in order)
            {
                var rate = (float)(options.LearningRate * (1 - step++ / total));
                var row = rows[r];
                Array.Clear(input);
                for (var k = 0; k < row.Indices.Length; k++)
                {
                    var v = row.Values[k];
                    var e = embeddings.AsSpan(row.Indices[k] * D, D);
                    for (var d = 0; d < D; d++) input[d] += v * e[d];
                }

                var z = (double)b2;
                for (var h = 0; h < hidden; h++)
                {
                    var pre = b1[h];
                    for (var d = 0; d < D; d++) pre += w1[h * D + d] * input[d];
                    activation[h] = MathF.Tanh(pre);
                    z += w2[h] * activation[h];
                }
                var p = 1.0 / (1.0 + Math.Exp(-z));
                var y = targets[r];
                loss -= rowWeights[r] * (y > 0.5f ? Math.Log(Math.Max(p, 1e-12)) : Math.Log(Math.Max(1 - p, 1e-12)));
                var g = (float)((p - y) * rowWeights[r]);

                Array.Clear(gradInput);
                for (var h = 0; h < hidden; h++)
                {
                    var a = activation[h];
                    var gh = g * w2[h] * (1 - a * a);
                    w2[h] -= rate * g * a;
                    b1[h] -= rate * gh;
                    for (var d = 0; d < D; d++)
                    {
                        gradInput[d] += gh * w1[h * D + d];
                        w1[h * D + d] -= rate * gh * input[d];
                    }
                }
                b2 -= rate * g;
                for (var k = 0; k < row.Indices.Length; k++)
                {
                    var v = rate * row.Values[k];
                    var e = embeddings.AsSpan(row.Indices[k] * D, D);
                    for (var d = 0; d < D; d++) e[d] -= v * gradInput[d];
                }
            }
            afterEpoch?.Invoke(epoch, loss / rows.Count);
        }

        var (scale, quantised) = Quantise(embeddings);
        return new EmbeddingBag(options.HashBits, scale, quantised, hidden, w1, b1, w2, b2);
    }

    private (float Scale, sbyte[] Values) Quantise(float[] values)
    {
        var magnitudes = values.Select(MathF.Abs).ToArray();
        Array.Sort(magnitudes);
        var top = magnitudes[Math.Min(magnitudes.Length - 1, (int)(options.QuantisationQuantile * magnitudes.Length))];
        var scale = top == 0 ? 1f : top / 127f;
        var quantised = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
            quantised[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scale), -127, 127);
        return (scale, quantised);
    }
}
