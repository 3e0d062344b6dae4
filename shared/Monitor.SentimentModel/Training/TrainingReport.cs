using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Evaluation;

namespace Monitor.SentimentModel.Training;

/// <summary>What a training run produced: sizes, per-set held-out accuracy and the neutral calibration.</summary>
public sealed record TrainingReport(
    string Version,
    int TrainRows,
    int LexiconRows,
    int DevRows,
    int TestRows,
    int DroppedAsEvaluationDuplicates,
    IReadOnlyList<SetFigures> Sets,
    (float Below, float Above) NeutralBand,
    ConfusionMatrix? Su7Dev,
    ConfusionMatrix? Su7Test,
    TimeSpan Elapsed,
    long ModelBytes)
{
    /// <summary>With an ensemble: dev accuracy of each part and combination per set.</summary>
    public IReadOnlyList<DevAblation>? Ablation { get; init; }

    /// <summary>Calibration error of the positive-vs-negative decision on the SU7 test set's polar rows.</summary>
    public double? Su7TestCalibrationError { get; init; }

    /// <summary>Per class, the calibration error of its probability on the SU7 test set (models with subjectivity weights).</summary>
    public IReadOnlyDictionary<SentimentLabel, double>? Su7TestClassCalibration { get; init; }

    /// <summary>Per class, the reliability bins of its probability on the SU7 test set (models with subjectivity weights).</summary>
    public IReadOnlyDictionary<SentimentLabel, IReadOnlyList<ReliabilityBin>>? Su7TestReliability { get; init; }

    /// <summary>How far the subjectivity bias was moved on dev (null: no subjectivity part; the neutral band decides).</summary>
    public float? SubjectivityOffset { get; init; }

    /// <summary>Training rows from staff corrections (the latest per item), in the set <see cref="ModelTrainer.CorrectionsSet"/>.</summary>
    public int CorrectionRows { get; init; }

    /// <summary>With domain adaptation: the domain classifier's dev accuracy and the mixing rules tried on dev.</summary>
    public DomainReport? Domains { get; init; }
}

public sealed record SetFigures(string Set, int Train, int Dev, int Test, double DevAccuracy, double TestAccuracy, double TestMacroF1, double TestCalibrationError)
{
    /// <summary>A three-class set's test confusion matrix.</summary>
    public ConfusionMatrix? TestMatrix { get; init; }

    /// <summary>A three-class set's calibration error per class on its test rows (models with subjectivity weights).</summary>
    public IReadOnlyDictionary<SentimentLabel, double>? TestClassCalibration { get; init; }

    /// <summary>A three-class set's reliability bins per class on its test rows (models with subjectivity weights).</summary>
    public IReadOnlyDictionary<SentimentLabel, IReadOnlyList<ReliabilityBin>>? TestReliability { get; init; }
}
