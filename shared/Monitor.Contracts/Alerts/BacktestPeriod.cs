namespace Monitor.Contracts.Alerts;

/// <summary>
/// The period a backtest may cover: from 2000-01-01 (UTC) to a day after now, at most <see cref="LongestSpan"/> long.
/// The alerts service and the CLI check a backtest's from and to against it.
/// </summary>
public static class BacktestPeriod
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan LatestAfterNow = TimeSpan.FromDays(1);
    public static readonly TimeSpan LongestSpan = TimeSpan.FromDays(92);
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(7);

    /// <summary>What is wrong with the period, keyed by the parameter ("from", "to"); empty when it may run.</summary>
    public static IReadOnlyList<(string Field, string Problem)> Problems(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var problems = new List<(string, string)>();
        var latest = now + LatestAfterNow;
        if (from < Earliest) problems.Add(("from", $"{from:O} is before {Earliest:yyyy-MM-dd}, the earliest a backtest may start"));
        if (from > latest) problems.Add(("from", $"{from:O} is later than a day from now ({latest:O})"));
        if (to > latest) problems.Add(("to", $"{to:O} is later than a day from now ({latest:O})"));
        if (to < Earliest) problems.Add(("to", $"{to:O} is before {Earliest:yyyy-MM-dd}"));
        if (to <= from) problems.Add(("to", $"{to:O} must come after from ({from:O})"));
        else if (to - from > LongestSpan)
            problems.Add(("to", $"the period from {from:O} to {to:O} is {(to - from).TotalDays:0.#} days; a backtest covers at most {LongestSpan.TotalDays:0} days"));
        return problems;
    }
}
