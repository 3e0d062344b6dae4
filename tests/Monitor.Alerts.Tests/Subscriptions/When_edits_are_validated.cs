using Microsoft.Extensions.Primitives;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Subscriptions;

public class When_edits_are_validated
{
    private static readonly AlertRule Reach = new("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1_000);

    [Fact]
    public void Should_name_each_wrong_field_of_the_rules()
    {
        var problems = SubscriptionValidation.Rules([Reach, Reach with { RuleId = "spike", Kind = AlertRuleKinds.VolumeSpike, K = 0, Window = TimeSpan.FromMinutes(5) }]).ToArray();

        Assert.Contains("rules[1].window: 00:05:00 is outside 00:15:00..1.00:00:00", problems);
        Assert.Contains(problems, p => p.StartsWith("rules[1].k: 0 must be positive"));
        Assert.Equal(["rules: at least one rule is needed"], SubscriptionValidation.Rules([]));
    }

    [Fact]
    public void Should_name_each_wrong_channel()
    {
        var problems = SubscriptionValidation.Channels([
            new AlertChannel("a", "pager", "https://example.com"),
            new AlertChannel("b", AlertChannelKinds.Webhook, "ftp://example.com"),
            new AlertChannel("b", AlertChannelKinds.Email, "not an address"),
        ]).ToArray();

        Assert.Contains(problems, p => p.StartsWith("channels[0].kind: 'pager' is not one of"));
        Assert.Contains("channels[1].target: 'ftp://example.com' is not an http(s) URL", problems);
        Assert.Contains("channels[2].target: 'not an address' is not an e-mail address", problems);
        Assert.Contains("channels: channelId 'b' is used more than once", problems);
    }

    [Fact]
    public void Should_refuse_quiet_hours_in_an_unknown_zone_empty_or_without_a_digest()
    {
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(22, 0), "Mars/Olympus");

        var problems = SubscriptionValidation.QuietHours(quiet, digestAt: null).ToArray();

        Assert.Contains(problems, p => p.StartsWith("quietHours.timeZone: 'Mars/Olympus' is not a known time zone"));
        Assert.Contains(problems, p => p.StartsWith("quietHours.to: 22:00 equals from"));
        Assert.Contains(problems, p => p.StartsWith("quietHours: alerts held in quiet hours go out in the daily digest"));
        Assert.Empty(SubscriptionValidation.QuietHours(quiet with { To = new TimeOnly(7, 0), TimeZone = "Asia/Shanghai" }, new TimeOnly(8, 0)));
    }

    [Fact]
    public void Should_key_problems_by_their_path()
    {
        var problems = SubscriptionValidation.Create(new CreateSubscriptionRequest("", null, [Reach], null, DigestTimeZone: "Nowhere/Else"));

        Assert.Contains("name: must not be empty", problems);
        Assert.Contains(problems, p => p.StartsWith("digestTimeZone: 'Nowhere/Else' is not a known time zone"));
    }

    [Theory]
    [InlineData("", true, null)]
    [InlineData("*", true, null)]
    [InlineData("\"7\"", true, 7L)]
    [InlineData("W/\"7\"", true, 7L)]
    [InlineData("7", true, 7L)]
    [InlineData("\"seven\"", false, null)]
    [InlineData("\"0\"", false, null)]
    public void Should_read_the_version_from_if_match(string header, bool valid, long? version)
    {
        Assert.Equal(valid, SubscriptionVersions.TryParseIfMatch(new StringValues(header), out var parsed));
        Assert.Equal(version, parsed);
    }

    [Fact]
    public void Should_count_every_event_of_the_stream_as_a_version()
    {
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UnixEpoch;
        var state = SubscriptionState.Fold([
            new SubscriptionCreated(id, "ana", "SU7", SubscriptionScope.Everything, [Reach], [], null, null, at),
            new SubscriptionRenamed(id, "SU7 launch", "ana", at),
            new SubscriptionDigestChanged(id, new TimeOnly(8, 0), "Asia/Shanghai", "ana", at),
            new SubscriptionQuietHoursChanged(id, new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), "Asia/Tokyo"), "ana", at),
        ]);

        Assert.Equal(4, state.Version);
        Assert.Equal("SU7 launch", state.Name);
        Assert.Equal(new TimeOnly(8, 0), state.DigestAt);
        Assert.Equal("Asia/Shanghai", state.EffectiveDigestTimeZone);
        Assert.Equal("Asia/Tokyo", state.QuietHours!.TimeZone);
        Assert.Equal("ETag: \"4\"", "ETag: " + SubscriptionVersions.ETag(state));
    }
}
