namespace Monitor.Alerts.Rules;

/// <summary>
/// Keeps one story from alerting twice: after an alert a rule stays silent for its cooldown (and for the
/// rest of the window it fired in), unless the severity doubles, which raises an escalation.
/// Times are event times (PublishedAt), so a backtest cools down as live evaluation would.
/// </summary>
public sealed class Cooldown(TimeSpan length)
{
    private const int RememberedAlerts = 64;

    // Items arrive out of publication order (feeds catch up, batches interleave), so the cooldown is kept around
    // each recent alert, not only the latest: an item a cooldown away from all of them, in another window, is
    // another story; one near an earlier alert is that story again.
    private readonly List<(DateTimeOffset At, long Window)> _recent = [];
    private DateTimeOffset _lastAt;
    private double _lastSeverity;

    public int Level { get; private set; }

    /// <summary>Whether an alert should go out for a condition that holds now; records it when so. Null: stay silent.</summary>
    public CooldownDecision? Admit(DateTimeOffset at, long window, double severity)
    {
        if (_recent.All(r => (at - r.At).Duration() >= length && window != r.Window))
        {
            Remember(at, window);
            if (_recent.Count > 1 && at < _lastAt) return new CooldownDecision(0);
            return Record(at, severity, level: 0);
        }
        if (_lastSeverity > 0 && severity >= 2 * _lastSeverity)
        {
            Remember(at, window);
            return Record(at, severity, Level + 1);
        }
        return null;
    }

    private void Remember(DateTimeOffset at, long window)
    {
        _recent.Add((at, window));
        if (_recent.Count > RememberedAlerts) _recent.Remove(_recent.MinBy(r => r.At));
    }

    private CooldownDecision Record(DateTimeOffset at, double severity, int level)
    {
        _lastAt = at;
        _lastSeverity = severity;
        Level = level;
        return new CooldownDecision(level);
    }
}

public readonly record struct CooldownDecision(int EscalationLevel);
