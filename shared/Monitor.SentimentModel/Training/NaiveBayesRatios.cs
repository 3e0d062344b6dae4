namespace Monitor.SentimentModel.Training;

/// <summary>
/// Per-bucket log-count ratio log(P(feature | positive) / P(feature | negative)) from feature presence,
/// smoothed by alpha: how much a feature leans positive before the regression refines it.
/// With domain copies, each part (the shared table, each domain's copies) is a distribution of its
/// own: a domain's ratios come from its rows' counts alone, and the shared ratios are what they
/// would be without the copies.
/// </summary>
internal static class NaiveBayesRatios
{
    /// <param name="partOf">Which part an index belongs to (0 .. parts-1); null: one part.</param>
    public static float[] Of(IReadOnlyList<SparseVector> rows, IReadOnlyList<float> targets, int dimensions, double alpha,
        int parts = 1, Func<int, int>? partOf = null)
    {
        var positive = new double[dimensions];
        var negative = new double[dimensions];
        for (var r = 0; r < rows.Count; r++)
        {
            var counts = targets[r] > 0.5f ? positive : negative;
            foreach (var j in rows[r].Indices) counts[j]++;
        }
        var part = new int[dimensions];
        if (partOf is not null)
            for (var j = 0; j < dimensions; j++) part[j] = partOf(j);
        var positiveTotal = new double[parts];
        var negativeTotal = new double[parts];
        for (var j = 0; j < dimensions; j++)
        {
            positiveTotal[part[j]] += positive[j] + alpha;
            negativeTotal[part[j]] += negative[j] + alpha;
        }
        var ratios = new float[dimensions];
        for (var j = 0; j < dimensions; j++)
            ratios[j] = (float)(Math.Log((positive[j] + alpha) / positiveTotal[part[j]]) - Math.Log((negative[j] + alpha) / negativeTotal[part[j]]));
        return ratios;
    }
}
