using System.Text.Json.Serialization;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

/// <summary>A subscription as its stream's events leave it. <see cref="Empty"/> before SubscriptionCreated.</summary>
/// <param name="Version">The stream's version: how many events made this state (the If-Match of an edit).</param>
/// <param name="DigestTimeZone">The digest's own time zone, when set apart from the quiet hours'.</param>
/// <param name="Problem">Why the service cannot evaluate it (stored by an older release with data it cannot use);
/// null when it evaluates. It raises nothing until an edit repairs it.</param>
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
    string? DigestTimeZone = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem = null)
{
    public static readonly SubscriptionState Empty =
        new(Guid.Empty, "", "", SubscriptionScope.Everything, [], [], null, null, DateTimeOffset.MinValue, false);

    public bool Exists => SubscriptionId != Guid.Empty;

    /// <summary>Deleted (SubscriptionArchived): it evaluates nothing and is not listed.</summary>
    [JsonIgnore]
    public bool Archived { get; init; }

    /// <summary>
    /// Alerts are raised for items published from here on: the creation, or the last change of rules or scope
    /// (earlier items only fill the windows under the new rules; they were judged under the old ones).
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset EvaluatesFrom { get; init; } = DateTimeOffset.MinValue;

    /// <summary>When it was paused, in the order of its stream; an open spell has no end. Items published in one raise nothing.</summary>
    [JsonIgnore]
    public IReadOnlyList<PausedSpell> Pauses { get; init; } = [];

    /// <summary>The zone the digest is scheduled in: its own, else the quiet hours', else UTC.</summary>
    public string EffectiveDigestTimeZone => DigestTimeZone ?? QuietHours?.TimeZone ?? "UTC";

    public bool IsPausedAt(DateTimeOffset at) => Pauses.Any(p => at >= p.From && (p.Until is not { } until || at < until));

    /// <summary>Every event of the stream counts towards <see cref="Version"/>, those this state ignores too.</summary>
    public SubscriptionState Apply(object e) => Change(e) with { Version = Version + 1 };

    private SubscriptionState Change(object e) => e switch
    {
        // A part left null (stored by an older release) reads as empty, so the subscription can still be listed and repaired.
        SubscriptionCreated c => new SubscriptionState(c.SubscriptionId, c.Owner ?? "", c.Name ?? "", c.Scope ?? SubscriptionScope.Everything,
            c.Rules ?? [], Present(c.Channels), c.QuietHours, c.DigestAt, c.CreatedAt, Paused: false, DigestTimeZone: c.DigestTimeZone)
        {
            EvaluatesFrom = c.CreatedAt,
        },
        SubscriptionRulesChanged r => this with { Rules = r.Rules ?? [], EvaluatesFrom = Later(EvaluatesFrom, r.At) },
        SubscriptionScopeChanged s => this with { Scope = s.Scope ?? SubscriptionScope.Everything, EvaluatesFrom = Later(EvaluatesFrom, s.At) },
        SubscriptionChannelsChanged ch => this with { Channels = Present(ch.Channels) },
        SubscriptionRenamed n => this with { Name = n.Name ?? "" },
        SubscriptionQuietHoursChanged q => this with { QuietHours = q.QuietHours },
        SubscriptionDigestChanged d => this with { DigestAt = d.DigestAt, DigestTimeZone = d.TimeZone },
        SubscriptionPaused p when !Paused => this with { Paused = true, Pauses = [.. Pauses, new PausedSpell(p.At, null)] },
        SubscriptionResumed r when Paused && Pauses.Count > 0 => this with { Paused = false, Pauses = [.. Pauses.SkipLast(1), Pauses[^1] with { Until = r.At }] },
        SubscriptionResumed => this with { Paused = false },
        SubscriptionArchived => this with { Archived = true },
        _ => this,
    };

    private static IReadOnlyList<AlertChannel> Present(IReadOnlyList<AlertChannel?>? channels) => channels?.OfType<AlertChannel>().ToArray() ?? [];

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    public static SubscriptionState Fold(IEnumerable<object> events) => events.Aggregate(Empty, (state, e) => state.Apply(e));
}

/// <summary>A spell in which a subscription was paused: [From, Until), Until null while it lasts.</summary>
public sealed record PausedSpell(DateTimeOffset From, DateTimeOffset? Until);
