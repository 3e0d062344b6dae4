namespace Monitor.SentimentModel.Training;

/// <summary>
/// Per-bucket log-count ratio log(P(feature | positive) / P(feature | negative)) from feature presence,
/// smoothed by alpha: how much a feature leans positive before the regression refines it.
/// </summary>
internal static class NaiveBayesRatios
{
    public static float[] Of(IReadOnlyList<SparseVector> rows, IReadOnlyList<float> targets, int dimensions, double alpha)
    {
        var positive = new double[dimensions];
        var negative = new double[dimensions];
        for (var r = 0; r < rows.Count; r++)
        {
            var counts = targets[r] > 0.5f ? positive : negative;
            foreach (var j in rows[r].Indices) counts[j]++;
        }
        var positiveTotal = positive.Sum() + alpha * dimensions;
        var negativeTotal = negative.Sum() + alpha * dimensions;
        var ratios = new float[dimensions];
        for (var j = 0; j < dimensions; j++)
            ratios[j] = (float)(Math.Log((positive[j] + alpha) / positiveTotal) - Math.Log((negative[j] + alpha) / negativeTotal));
        return ratios;
    }
}
