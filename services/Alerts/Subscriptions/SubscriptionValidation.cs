using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

/// <summary>
/// Checks each part of a subscription before it is stored. Every problem reads "path: what is wrong", the path
/// being the JSON field of the request ("rules[0].window", "quietHours.timeZone").
/// </summary>
public static class SubscriptionValidation
{
    public const int MaxNameLength = 200;
    public const int MaxChannels = 20;
    public const int MaxTargetLength = 2_000;
    public const int MaxSecretLength = 500;

    public static IEnumerable<string> Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) yield return "name: must not be empty";
        else if (name.Trim().Length > MaxNameLength) yield return $"name: {name.Trim().Length} characters is longer than {MaxNameLength}";
    }

    public static IEnumerable<string> Rules(IReadOnlyList<AlertRule?>? rules)
    {
        if (rules is null || rules.Count == 0) return ["rules: at least one rule is needed"];
        return RuleValidation.Problems(rules, SubscriptionScope.Everything);
    }

    /// <summary>A scope left out watches everything; a list left out in it is empty.</summary>
    public static IEnumerable<string> Scope(SubscriptionScope? scope) =>
        scope is null ? [] : RuleValidation.Problems([], scope);

    public static IEnumerable<string> Channels(IReadOnlyList<AlertChannel?>? channels)
    {
        channels ??= [];
        if (channels.Count > MaxChannels) yield return $"channels: {channels.Count} channels are more than {MaxChannels}";
        for (var i = 0; i < channels.Count; i++)
        {
            if (channels[i] is not { } channel)
            {
                yield return $"channels[{i}]: must not be null";
                continue;
            }
            if (string.IsNullOrWhiteSpace(channel.ChannelId))
                yield return $"channels[{i}].channelId: must not be empty";
            else if (channel.ChannelId.Length > RuleValidation.MaxTextLength)
                yield return $"channels[{i}].channelId: {channel.ChannelId.Length} characters is longer than {RuleValidation.MaxTextLength}";
            if (channel.Target is { Length: > MaxTargetLength })
                yield return $"channels[{i}].target: {channel.Target.Length} characters is longer than {MaxTargetLength}";
            else if (!AlertChannelKinds.All.Contains(channel.Kind))
                yield return $"channels[{i}].kind: '{channel.Kind}' is not one of {string.Join(", ", AlertChannelKinds.All)}";
            else if (channel.Kind == AlertChannelKinds.Email)
            {
                if (!System.Net.Mail.MailAddress.TryCreate(channel.Target, out _))
                    yield return $"channels[{i}].target: '{channel.Target}' is not an e-mail address";
            }
            else if (!(Uri.TryCreate(channel.Target, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
                yield return $"channels[{i}].target: '{channel.Target}' is not an http(s) URL";
            if (channel.Secret is { Length: > MaxSecretLength })
                yield return $"channels[{i}].secret: {channel.Secret.Length} characters is longer than {MaxSecretLength}";
        }
        foreach (var duplicate in channels.OfType<AlertChannel>().GroupBy(c => c.ChannelId ?? "").Where(g => g.Count() > 1))
            yield return $"channels: channelId '{duplicate.Key}' is used more than once";
    }

    /// <param name="digestAt">Held alerts go out in the digest, so quiet hours need one.</param>
    public static IEnumerable<string> QuietHours(QuietHours? quiet, TimeOnly? digestAt, string path = "quietHours")
    {
        if (quiet is null) yield break;
        if (!IsKnownZone(quiet.TimeZone))
            yield return $"{path}.timeZone: '{quiet.TimeZone}' is not a known time zone (IANA names such as Asia/Shanghai)";
        if (quiet.From == quiet.To)
            yield return $"{path}.to: {quiet.To:HH\\:mm} equals from; quiet hours must span some time";
        if (digestAt is null)
            yield return $"{path}: alerts held in quiet hours go out in the daily digest; schedule one (digestAt) first";
    }

    public static IEnumerable<string> Digest(string? timeZone, string path = "timeZone")
    {
        if (timeZone is not null && !IsKnownZone(timeZone))
            yield return $"{path}: '{timeZone}' is not a known time zone (IANA names such as Asia/Shanghai)";
    }

    public static IReadOnlyList<string> Create(CreateSubscriptionRequest request) =>
    [
        .. Name(request.Name),
        .. Rules(request.Rules),
        .. Scope(request.Scope),
        .. Channels(request.Channels),
        .. QuietHours(request.QuietHours, request.DigestAt),
        .. Digest(request.DigestTimeZone, "digestTimeZone"),
    ];

    /// <summary>
    /// Why a stored subscription cannot be evaluated, or nothing: what evaluation needs of its rules and scope.
    /// Written by this release it always can; one stored by an older release may not (a list left null).
    /// </summary>
    public static IReadOnlyList<string> Evaluable(SubscriptionState state) =>
    [
        .. state.Rules is null ? ["rules: missing"] : RuleValidation.Problems(state.Rules, SubscriptionScope.Everything),
        .. state.Scope is null ? ["scope: missing"] : Scope(state.Scope),
        .. state.Channels is null ? ["channels: missing"] : Channels(state.Channels),
    ];

    /// <summary>The problems as ASP.NET validation-problem errors, keyed by path.</summary>
    public static IResult AsResult(IReadOnlyCollection<string> problems) =>
        Results.ValidationProblem(problems.GroupBy(p => p.Split(':')[0]).ToDictionary(g => g.Key, g => g.ToArray()),
            title: "The subscription is invalid; nothing was changed.");

    private static bool IsKnownZone(string? zone) => !string.IsNullOrWhiteSpace(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
}
