using Monitor.Alerts.Quiet;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Subscriptions;
using Monitor.Alerts.Tests.Rules;
using Monitor.Contracts.Alerts;
using SampleAlerts = Monitor.Alerts.Tests.Delivery.Alerts;

namespace Monitor.Alerts.Tests.Quiet;

/// <summary>Which held alerts go out when, as the subscription stands at that moment (paused, changed quiet hours, late).</summary>
public class When_held_alerts_are_released
{
    // 22:00–07:00 in Shanghai (UTC+8) is 14:00–23:00 UTC: the spell of the night of the 21st ends at 23:00 UTC on the 21st.
    private static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(7, 0), "Asia/Shanghai");
    private static readonly DateTimeOffset SpellEnd = Utc(21, 23);

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static SubscriptionState Subscription(QuietHours? quiet = null, bool paused = false) =>
        Given.Subscription(new AlertRule("spike", AlertRuleKinds.VolumeSpike, TimeSpan.FromHours(1))) with
        {
            QuietHours = quiet,
            DigestAt = new TimeOnly(8, 0),
            Paused = paused,
        };

    private static AlertView Held(DateTimeOffset raisedAt, DateTimeOffset until, Guid? subscriptionId = null)
    {
        var alert = SampleAlerts.Sample() with
        {
            AlertId = Guid.NewGuid(),
            SubscriptionId = subscriptionId ?? Given.SubscriptionId,
            RaisedAt = raisedAt,
        };
        return new AlertView(alert, [], [], null, new AlertHeld(alert.AlertId, alert.SubscriptionId, until, raisedAt));
    }

    private static IReadOnlyList<HeldReleasePlan.DueRelease> Due(SubscriptionState? subscription, DateTimeOffset now, params AlertView[] held) =>
        HeldReleasePlan.Due(held, id => id == subscription?.SubscriptionId ? subscription : null, now);

    [Fact]
    public void Should_keep_them_until_the_spell_ends_then_release_the_spell_as_one()
    {
        var first = Held(Utc(21, 15), SpellEnd);
        var second = Held(Utc(21, 19), SpellEnd);
        var subscription = Subscription(Night);

        Assert.Empty(Due(subscription, SpellEnd.AddSeconds(-1), second, first));
        Assert.Empty(Due(subscription, SpellEnd, second, first));   // a hold raised a moment before the end may still be on its way

        var release = Assert.Single(Due(subscription, SpellEnd + HeldReleasePlan.Settle, second, first));
        Assert.Equal(SpellEnd, release.QuietUntil);
        Assert.Equal([first.Alert.AlertId, second.Alert.AlertId], release.Alerts.Select(a => a.AlertId));
        Assert.Equal(HeldReleaseIds.For(Given.SubscriptionId, SpellEnd), release.ReleaseId);
    }

    [Fact]
    public void Should_release_each_spell_and_each_subscription_on_its_own()
    {
        var lastNight = Held(Utc(20, 16), SpellEnd.AddDays(-1));
        var tonight = Held(Utc(21, 16), SpellEnd);

        var releases = Due(Subscription(Night), SpellEnd.AddMinutes(1), tonight, lastNight);

        Assert.Equal([SpellEnd], releases.Select(r => r.QuietUntil));   // last night's is past the lateness bound
        Assert.NotEqual(HeldReleaseIds.For(Given.SubscriptionId, SpellEnd), HeldReleaseIds.For(Given.SubscriptionId, SpellEnd.AddDays(-1)));
        Assert.NotEqual(HeldReleaseIds.For(Given.SubscriptionId, SpellEnd), HeldReleaseIds.For(Guid.NewGuid(), SpellEnd));
    }

    [Fact]
    public void Should_send_nothing_to_a_paused_subscription()
    {
        var held = Held(Utc(21, 16), SpellEnd);

        Assert.Empty(Due(Subscription(Night, paused: true), SpellEnd.AddMinutes(1), held));
        // Resumed within the lateness bound: the night's alerts go out then.
        Assert.Single(Due(Subscription(Night), SpellEnd.AddHours(2), held));
    }

    [Fact]
    public void Should_send_nothing_for_a_subscription_that_no_longer_exists()
    {
        var held = Held(Utc(21, 16), SpellEnd, subscriptionId: Guid.NewGuid());

        Assert.Empty(Due(Subscription(Night), SpellEnd.AddMinutes(1), held));
    }

    [Fact]
    public void Should_release_at_once_when_the_quiet_hours_are_removed()
    {
        var held = Held(Utc(21, 16), SpellEnd);

        var release = Assert.Single(Due(Subscription(quiet: null), Utc(21, 17), held));
        Assert.Equal(SpellEnd, release.QuietUntil);
    }

    [Fact]
    public void Should_release_at_once_when_the_hours_moved_and_now_is_no_longer_quiet()
    {
        // Changed to 22:00–01:00 local (ends 17:00 UTC): at 18:00 UTC nothing keeps the night's alerts back.
        var shorter = Night with { To = new TimeOnly(1, 0) };

        Assert.Single(Due(Subscription(shorter), Utc(21, 18), Held(Utc(21, 16), SpellEnd)));
    }

    [Fact]
    public void Should_wait_while_the_changed_hours_still_say_quiet()
    {
        // Extended to 09:00 local (01:00 UTC on the 22nd): the alerts held until 07:00 wait for the new end.
        var longer = Night with { To = new TimeOnly(9, 0) };
        var held = Held(Utc(21, 16), SpellEnd);

        Assert.Empty(Due(Subscription(longer), SpellEnd.AddMinutes(1), held));
        Assert.Single(Due(Subscription(longer), Utc(22, 1), held));
    }

    [Fact]
    public void Should_leave_a_spell_that_ended_long_ago_to_the_digest()
    {
        var held = Held(Utc(21, 16), SpellEnd);

        Assert.Single(Due(Subscription(Night), SpellEnd + HeldReleasePlan.MaxLateness, held));
        Assert.Empty(Due(Subscription(Night), SpellEnd + HeldReleasePlan.MaxLateness + TimeSpan.FromMinutes(1), held));
    }

    [Fact]
    public void Should_not_release_an_alert_twice()
    {
        var held = Held(Utc(21, 16), SpellEnd);
        var log = new AlertLog();
        log.Raised(held.Alert);
        log.Apply(held.Held!);
        var subscription = Subscription(Night);

        var release = Assert.Single(HeldReleasePlan.Due(log.HeldNotReleased(), _ => subscription, SpellEnd.AddMinutes(1)));
        log.Apply(new HeldAlertsReleased(new HeldAlerts(release.ReleaseId, Given.SubscriptionId, "SU7 launch", SpellEnd, Night, release.Alerts), [], SpellEnd));

        Assert.Empty(HeldReleasePlan.Due(log.HeldNotReleased(), _ => subscription, SpellEnd.AddMinutes(1)));
        Assert.Equal(SpellEnd, log.Find(held.Alert.AlertId)!.ReleasedAt);
        Assert.Equal(release.ReleaseId, log.Find(held.Alert.AlertId)!.ReleaseId);
    }
}
