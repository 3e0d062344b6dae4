namespace Monitor.SentimentModel.Ensemble;

/// <summary>The parts a model adds to its linear weights: the embedding bag and the stacker that combines them.</summary>
public sealed record EnsembleWeights(EmbeddingBag Bag, Stacker Stacker)
{
    public EnsembleWeights Negated() => new(Bag.Negated(), Stacker.ForNegatedInputs());
}
