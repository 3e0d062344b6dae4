namespace Monitor.SentimentModel.Ensemble;

/// <summary>What the stacker combines for one text: the linear model's logit and the embedding bag's.</summary>
public readonly record struct StackerInputs(double Linear, double Embedding)
{
    /// <summary>Number of stacker weights per language: bias, linear, embedding.</summary>
    public const int Count = 3;

    public void Fill(Span<double> into)
    {
        into[0] = 1;
        into[1] = Linear;
        into[2] = Embedding;
    }
}
