namespace Monitor.SentimentModel.Ensemble;

/// <summary>
/// What the stacker combines for one text: the linear model's logit over the whole text, its logit
/// over the clause after the last contrast word ("but", "但是", ...) when there is one, and the
/// embedding bag's logit.
/// </summary>
public readonly record struct StackerInputs(double Linear, double Tail, bool HasContrast, double Embedding)
{
    /// <summary>Number of stacker weights per language: bias, linear, contrast, linear·contrast, tail·contrast, embedding.</summary>
    public const int Count = 6;

    public void Fill(Span<double> into)
    {
        var contrast = HasContrast ? 1.0 : 0.0;
        into[0] = 1;
        into[1] = Linear;
        into[2] = contrast;
        into[3] = contrast * Linear;
        into[4] = contrast * Tail;
        into[5] = Embedding;
    }
}
