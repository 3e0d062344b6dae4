namespace Monitor.Alerts.Rules;

/// <summary>
/// Keeps one story from alerting twice: after an alert a rule stays silent for its cooldown (and for the
/// rest of the window it fired in), unless the severity doubles, which raises an escalation.
/// A pure function of the alerts actually raised (<see cref="Record"/>), in event time (PublishedAt): the
/// same raised alerts give the same answer live, after a restart (they are read back from the log) and in a backtest.
/// </summary>
public sealed class Cooldown(TimeSpan length)
{
    private readonly Dictionary<Guid, RaisedAlert> _raised = new();

    public TimeSpan Length { get; } = length;

    /// <summary>
    /// The escalation level an alert for a condition that holds at <paramref name="at"/> would have, or null: stay silent.
    /// The story is every raised alert within the cooldown of <paramref name="at"/>, before or after it (items arrive
    /// out of publication order), or in the same window.
    /// </summary>
    public int? Admit(DateTimeOffset at, DateTimeOffset windowStart, double severity)
    {
        RaisedAlert? top = null;
        foreach (var r in _raised.Values)
        {
            if ((at - r.At).Duration() >= Length && r.WindowStart != windowStart) continue;
            if (top is null || r.Level > top.Level || (r.Level == top.Level && r.At > top.At)) top = r;
        }
        if (top is null) return 0;
        return top.Severity > 0 && severity >= 2 * top.Severity ? top.Level + 1 : null;
    }

    /// <summary>An alert was raised: it cools the rule down. Idempotent.</summary>
    public void Record(RaisedAlert alert) => _raised.TryAdd(alert.AlertId, alert);

    /// <summary>Forgets alerts too old to cool down anything at or after <paramref name="horizon"/>.</summary>
    public void Forget(DateTimeOffset horizon)
    {
        foreach (var old in _raised.Values.Where(r => r.At + Length < horizon && r.WindowStart < horizon).Select(r => r.AlertId).ToArray())
            _raised.Remove(old);
    }
}
