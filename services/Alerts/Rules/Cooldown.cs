namespace Monitor.Alerts.Rules;

/// <summary>
/// Keeps one story from alerting twice: after an alert a rule stays silent for its cooldown (and for the
/// rest of the window it fired in), unless the severity doubles, which raises an escalation.
/// Times are event times (PublishedAt), so a backtest cools down as live evaluation would.
/// </summary>
public sealed class Cooldown(TimeSpan length)
{
    private DateTimeOffset? _lastAt;
    private long _lastWindow;
    private double _lastSeverity;

    public int Level { get; private set; }

    /// <summary>Whether an alert should go out for a condition that holds now; records it when so. Null: stay silent.</summary>
    public CooldownDecision? Admit(DateTimeOffset at, long window, double severity)
    {
        if (_lastAt is null || (at - _lastAt.Value >= length && window != _lastWindow))
            return Record(at, window, severity, level: 0);
        if (_lastSeverity > 0 && severity >= 2 * _lastSeverity)
            return Record(at, window, severity, Level + 1);
        return null;
    }

    private CooldownDecision Record(DateTimeOffset at, long window, double severity, int level)
    {
        _lastAt = at;
        _lastWindow = window;
        _lastSeverity = severity;
        Level = level;
        return new CooldownDecision(level);
    }
}

public readonly record struct CooldownDecision(int EscalationLevel);
