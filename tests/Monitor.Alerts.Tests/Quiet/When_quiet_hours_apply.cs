using Monitor.Alerts.Quiet;
using Monitor.Alerts.Subscriptions;
using SampleAlerts = Monitor.Alerts.Tests.Delivery.Alerts;
using Monitor.Alerts.Tests.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Quiet;

public class When_quiet_hours_apply
{
    // 22:00–07:00 in Shanghai (UTC+8, no daylight saving) is 14:00–23:00 UTC.
    private static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(7, 0), "Asia/Shanghai");

    private static SubscriptionState With(QuietHours? quiet) =>
        Given.Subscription(new AlertRule("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1)) with
        {
            QuietHours = quiet,
            DigestAt = new TimeOnly(8, 0),
        };

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(13, 59, false)] // 21:59 local
    [InlineData(14, 0, true)]   // 22:00 local: From is inside
    [InlineData(18, 30, true)]  // 02:30 local, after midnight
    [InlineData(22, 59, true)]  // 06:59 local
    [InlineData(23, 0, false)]  // 07:00 local: To is not inside
    public void Should_hold_only_inside_the_local_hours_across_midnight(int hour, int minute, bool quiet)
    {
        var until = QuietHoursPolicy.QuietUntil(Night, Utc(21, hour, minute));

        Assert.Equal(quiet, until is not null);
        if (quiet) Assert.Equal(Utc(21, 23), until);
    }

    [Fact]
    public void Should_end_the_spell_on_the_next_local_morning_when_it_began_before_midnight()
    {
        // 23:30 local on the 21st is 15:30 UTC; the spell ends 07:00 local on the 22nd = 23:00 UTC on the 21st.
        Assert.Equal(Utc(21, 23), QuietHoursPolicy.QuietUntil(Night, Utc(21, 15, 30)));
        // 01:00 local on the 22nd (17:00 UTC on the 21st) ends at the same morning.
        Assert.Equal(Utc(21, 23), QuietHoursPolicy.QuietUntil(Night, Utc(21, 17)));
    }

    [Fact]
    public void Should_follow_daylight_saving_in_the_time_zone()
    {
        var evening = new QuietHours(new TimeOnly(20, 0), new TimeOnly(23, 0), "Europe/Berlin");

        // 19:30 UTC is 20:30 in Berlin in winter (UTC+1) but 21:30 in summer (UTC+2); 21:30 UTC is 22:30 / 23:30.
        Assert.NotNull(QuietHoursPolicy.QuietUntil(evening, new DateTimeOffset(2026, 1, 15, 19, 30, 0, TimeSpan.Zero)));
        Assert.NotNull(QuietHoursPolicy.QuietUntil(evening, new DateTimeOffset(2026, 1, 15, 21, 30, 0, TimeSpan.Zero)));
        Assert.Null(QuietHoursPolicy.QuietUntil(evening, new DateTimeOffset(2026, 7, 15, 21, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Should_send_at_once_without_quiet_hours()
    {
        Assert.Null(QuietHoursPolicy.HeldUntil(With(null), SampleAlerts.Sample(), Utc(21, 18)));
    }

    [Fact]
    public void Should_hold_a_reach_alert_unless_urgent_alerts_break_through()
    {
        var reach = SampleAlerts.Sample() with { Kind = AlertRuleKinds.NegativeReach };
        var spike = SampleAlerts.Sample() with { Kind = AlertRuleKinds.VolumeSpike };
        var at = Utc(21, 18);

        Assert.Equal(Utc(21, 23), QuietHoursPolicy.HeldUntil(With(Night), reach, at));
        Assert.Null(QuietHoursPolicy.HeldUntil(With(Night with { UrgentBreaksThrough = true }), reach, at));
        Assert.Equal(Utc(21, 23), QuietHoursPolicy.HeldUntil(With(Night with { UrgentBreaksThrough = true }), spike, at));
    }
}
