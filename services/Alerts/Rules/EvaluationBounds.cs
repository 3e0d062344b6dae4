namespace Monitor.Alerts.Rules;

/// <summary>
/// What an evaluator may raise alerts for. Items outside these bounds are still counted (they fill windows and
/// baselines); they only raise nothing, and what they do not raise cools nothing down.
/// </summary>
/// <param name="HistoryStart">Where the items the evaluator was given begin: a window whose baseline (or, for rules
/// without one, the window itself) starts earlier was seen only in part and raises nothing.</param>
/// <param name="Hypothetical">A backtest: pauses and the subscription's own start do not apply, and an alert is
/// stamped with its trigger's publication time instead of the clock.</param>
public sealed record EvaluationBounds(DateTimeOffset HistoryStart, bool Hypothetical = false)
{
    /// <summary>Every window may raise: the evaluator has seen all of history.</summary>
    public static readonly EvaluationBounds All = new(DateTimeOffset.MinValue);
}
