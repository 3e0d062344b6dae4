using Monitor.SentimentModel.Domains;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// Trains the domain classifier: a multinomial logistic regression (softmax over the domains) by
/// AdaGrad SGD over hashed features, single-threaded with a seeded shuffle so it is deterministic.
/// Each domain's rows weigh sqrt(average domain size / its size), so a small domain (Weibo: a few
/// hundred posts) is not ignored, without letting its few rows weigh as much as a large domain's.
/// </summary>
internal sealed class DomainClassifierTrainer(DomainOptions options, int domains, int seed)
{
    public DomainClassifierWeights Train(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> domainOf)
    {
        var size = (1 << options.ClassifierBits) * domains;
        var weights = new float[size];
        var squares = new float[size];
        var biases = new double[domains];
        var biasSquares = new double[domains];
        var counts = new int[domains];
        foreach (var d in domainOf) counts[d]++;
        var average = rows.Count / (double)domains;
        var domainWeight = counts.Select(n => n == 0 ? 0f : (float)Math.Sqrt(average / n)).ToArray();
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var random = new SplitMix64((ulong)seed ^ 0xD0A1_5EEDUL);
        var eta = (float)options.ClassifierLearningRate;
        Span<double> logits = stackalloc double[domains];
        Span<float> errors = stackalloc float[domains];

        for (var epoch = 0; epoch < options.ClassifierEpochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var r in order)
            {
                var row = rows[r];
                for (var d = 0; d < domains; d++) logits[d] = biases[d];
                for (var k = 0; k < row.Indices.Length; k++)
                {
                    var at = row.Indices[k] * domains;
                    for (var d = 0; d < domains; d++) logits[d] += weights[at + d] * row.Values[k];
                }
                Softmax(logits);
                var rowWeight = domainWeight[domainOf[r]];
                for (var d = 0; d < domains; d++)
                    errors[d] = (float)((logits[d] - (d == domainOf[r] ? 1 : 0)) * rowWeight);
                for (var k = 0; k < row.Indices.Length; k++)
                {
                    var at = row.Indices[k] * domains;
                    for (var d = 0; d < domains; d++)
                    {
                        var g = errors[d] * row.Values[k];
                        squares[at + d] += g * g;
                        weights[at + d] -= eta * g / (MathF.Sqrt(squares[at + d]) + 1e-6f);
                    }
                }
                for (var d = 0; d < domains; d++)
                {
                    biasSquares[d] += errors[d] * errors[d];
                    biases[d] -= eta * errors[d] / (Math.Sqrt(biasSquares[d]) + 1e-6);
                }
            }
        }

        var max = weights.Max(MathF.Abs);
        var scale = max == 0 ? 1f : max / short.MaxValue;
        var quantised = new short[size];
        for (var i = 0; i < size; i++)
            quantised[i] = (short)Math.Clamp(MathF.Round(weights[i] / scale), -short.MaxValue, short.MaxValue);
        return new DomainClassifierWeights(options.ClassifierBits, scale, quantised, biases.Select(b => (float)b).ToArray());
    }

    internal static void Softmax(Span<double> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        var total = 0.0;
        for (var d = 0; d < logits.Length; d++) total += logits[d] = Math.Exp(logits[d] - max);
        for (var d = 0; d < logits.Length; d++) logits[d] /= total;
    }
}
