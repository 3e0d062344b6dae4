using Monitor.SentimentModel.Ensemble;

namespace Monitor.SentimentModel.Training;

/// <summary>
/// Fits one language's stacker weights: a weighted logistic regression over a handful of inputs,
/// solved by Newton's method with a small L2 penalty (not on the bias), so the answer is exact and
/// the same every run.
/// </summary>
internal static class StackerFit
{
    public const double L2 = 1.0;
    private const int Iterations = 25;

    public static double[] Fit(IReadOnlyList<(StackerInputs Inputs, bool Positive, double Weight)> rows)
    {
        const int n = StackerInputs.Count;
        var w = new double[n];
        if (rows.Count == 0)
        {
            w[1] = 1;
            return w;
        }
        Span<double> x = stackalloc double[n];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            foreach (var (inputs, positive, weight) in rows)
            {
                inputs.Fill(x);
                double z = 0;
                for (var i = 0; i < n; i++) z += w[i] * x[i];
                var p = 1.0 / (1.0 + Math.Exp(-z));
                var error = (p - (positive ? 1 : 0)) * weight;
                var curvature = Math.Max(p * (1 - p), 1e-9) * weight;
                for (var i = 0; i < n; i++)
                {
                    gradient[i] += error * x[i];
                    for (var j = 0; j < n; j++) hessian[i, j] += curvature * x[i] * x[j];
                }
            }
            for (var i = 1; i < n; i++)
            {
                gradient[i] += L2 * w[i];
                hessian[i, i] += L2;
            }
            hessian[0, 0] += 1e-9;
            var delta = Solve(hessian, gradient);
            var largest = 0.0;
            for (var i = 0; i < n; i++)
            {
                w[i] -= delta[i];
                largest = Math.Max(largest, Math.Abs(delta[i]));
            }
            if (largest < 1e-10) break;
        }
        return w;
    }

    /// <summary>Gaussian elimination with partial pivoting on a small dense system.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var y = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (Math.Abs(m[pivot, col]) < 1e-15) continue;
            if (pivot != col)
            {
                for (var c = 0; c < n; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                (y[col], y[pivot]) = (y[pivot], y[col]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                if (f == 0) continue;
                for (var c = col; c < n; c++) m[r, c] -= f * m[col, c];
                y[r] -= f * y[col];
            }
        }
        var result = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            if (Math.Abs(m[r, r]) < 1e-15) continue;
            var s = y[r];
            for (var c = r + 1; c < n; c++) s -= m[r, c] * result[c];
            result[r] = s / m[r, r];
        }
        return result;
    }
}
