namespace Monitor.SentimentModel.Evaluation;

/// <summary>
/// One bin of a class's reliability: the rows whose probability of the class fell in [<see cref="From"/>, From + 0.1),
/// their mean probability of it and how often it was the gold class. A calibrated model has the two equal.
/// </summary>
public sealed record ReliabilityBin(double From, int Rows, double MeanProbability, double Observed);
