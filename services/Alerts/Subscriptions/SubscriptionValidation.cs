using Monitor.Alerts.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Subscriptions;

/// <summary>
/// Checks each part of a subscription before it is stored. Every problem reads "path: what is wrong", the path
/// being the JSON field of the request ("rules[0].window", "quietHours.timeZone").
/// </summary>
public static class SubscriptionValidation
{
    public static IEnumerable<string> Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) yield return "name: must not be empty";
        else if (name.Trim().Length > 200) yield return $"name: {name.Trim().Length} characters is longer than 200";
    }

    public static IEnumerable<string> Rules(IReadOnlyList<AlertRule>? rules)
    {
        if (rules is null || rules.Count == 0) return ["rules: at least one rule is needed"];
        return RuleValidation.Problems(rules, SubscriptionScope.Everything);
    }

    public static IEnumerable<string> Scope(SubscriptionScope? scope) =>
        scope is null ? [] : RuleValidation.Problems([], scope);

    public static IEnumerable<string> Channels(IReadOnlyList<AlertChannel>? channels)
    {
        channels ??= [];
        for (var i = 0; i < channels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(channels[i].ChannelId))
                yield return $"channels[{i}].channelId: must not be empty";
            if (!AlertChannelKinds.All.Contains(channels[i].Kind))
                yield return $"channels[{i}].kind: '{channels[i].Kind}' is not one of {string.Join(", ", AlertChannelKinds.All)}";
            else if (channels[i].Kind == AlertChannelKinds.Email)
            {
                if (!System.Net.Mail.MailAddress.TryCreate(channels[i].Target, out _))
                    yield return $"channels[{i}].target: '{channels[i].Target}' is not an e-mail address";
            }
            else if (!(Uri.TryCreate(channels[i].Target, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
                yield return $"channels[{i}].target: '{channels[i].Target}' is not an http(s) URL";
        }
        foreach (var duplicate in channels.GroupBy(c => c.ChannelId).Where(g => g.Count() > 1))
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

    /// <summary>The problems as ASP.NET validation-problem errors, keyed by path.</summary>
    public static IResult AsResult(IReadOnlyCollection<string> problems) =>
        Results.ValidationProblem(problems.GroupBy(p => p.Split(':')[0]).ToDictionary(g => g.Key, g => g.ToArray()),
            title: "The subscription is invalid; nothing was changed.");

    private static bool IsKnownZone(string? zone) => !string.IsNullOrWhiteSpace(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
}
