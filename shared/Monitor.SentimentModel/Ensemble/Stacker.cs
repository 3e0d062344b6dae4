namespace Monitor.SentimentModel.Ensemble;

/// <summary>
/// A logistic regression over <see cref="StackerInputs"/>, one weight vector for texts that are mostly
/// Chinese and one for texts that are mostly English (more Latin letters than CJK characters), fitted on the dev split (never on test).
/// </summary>
public sealed record Stacker(double[] Chinese, double[] English)
{
    /// <summary>The linear model alone: weight 1 on its logit, 0 elsewhere.</summary>
    public static Stacker LinearOnly => new(Identity(), Identity());

    private static double[] Identity()
    {
        var w = new double[StackerInputs.Count];
        w[1] = 1;
        return w;
    }

    public void Validate()
    {
        if (Chinese.Length != StackerInputs.Count || English.Length != StackerInputs.Count)
            throw new InvalidDataException($"The stacker needs {StackerInputs.Count} weights per language.");
    }

    public double Combine(in StackerInputs inputs, bool english)
    {
        Span<double> x = stackalloc double[StackerInputs.Count];
        inputs.Fill(x);
        var w = english ? English : Chinese;
        double z = 0;
        for (var i = 0; i < x.Length; i++) z += w[i] * x[i];
        return z;
    }

    /// <summary>
    /// Weights for a model whose linear and embedding logits are negated, so the combined logit is
    /// negated too: only the bias, which does not change sign with its inputs, changes sign.
    /// </summary>
    public Stacker ForNegatedInputs() => new(Flip(Chinese), Flip(English));

    private static double[] Flip(double[] w) => [-w[0], w[1], w[2]];
}
