using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

/// <summary>A subscription as its stream's events leave it. <see cref="Empty"/> before SubscriptionCreated.</summary>
/// <param name="Version">The stream's version: how many events made this state (the If-Match of an edit).</param>
/// <param name="DigestTimeZone">The digest's own time zone, when set apart from the quiet hours'.</param>
public sealed record SubscriptionState(
    Guid SubscriptionId,
    string Owner,
    string Name,
    SubscriptionScope Scope,
    IReadOnlyList<AlertRule> Rules,
    IReadOnlyList<AlertChannel> Channels,
    QuietHours? QuietHours,
    TimeOnly? DigestAt,
    DateTimeOffset CreatedAt,
    bool Paused,
    long Version = 0,
    string? DigestTimeZone = null)
{
    public static readonly SubscriptionState Empty =
        new(Guid.Empty, "", "", SubscriptionScope.Everything, [], [], null, null, DateTimeOffset.MinValue, false);

    public bool Exists => SubscriptionId != Guid.Empty;

    /// <summary>The zone the digest is scheduled in: its own, else the quiet hours', else UTC.</summary>
    public string EffectiveDigestTimeZone => DigestTimeZone ?? QuietHours?.TimeZone ?? "UTC";

    /// <summary>Every event of the stream counts towards <see cref="Version"/>, those this state ignores too.</summary>
    public SubscriptionState Apply(object e) => Change(e) with { Version = Version + 1 };

    private SubscriptionState Change(object e) => e switch
    {
        SubscriptionCreated c => new SubscriptionState(c.SubscriptionId, c.Owner, c.Name, c.Scope, c.Rules, c.Channels,
            c.QuietHours, c.DigestAt, c.CreatedAt, Paused: false, DigestTimeZone: c.DigestTimeZone),
        SubscriptionRulesChanged r => this with { Rules = r.Rules },
        SubscriptionScopeChanged s => this with { Scope = s.Scope },
        SubscriptionChannelsChanged ch => this with { Channels = ch.Channels },
        SubscriptionRenamed n => this with { Name = n.Name },
        SubscriptionQuietHoursChanged q => this with { QuietHours = q.QuietHours },
        SubscriptionDigestChanged d => this with { DigestAt = d.DigestAt, DigestTimeZone = d.TimeZone },
        SubscriptionPaused => this with { Paused = true },
        SubscriptionResumed => this with { Paused = false },
        _ => this,
    };

    public static SubscriptionState Fold(IEnumerable<object> events) => events.Aggregate(Empty, (state, e) => state.Apply(e));
}
