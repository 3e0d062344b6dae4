using Monitor.Alerts.Digests;
using Monitor.Alerts.Subscriptions;
using Monitor.Alerts.Tests.Rules;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Digests;

public class When_a_digest_falls_due
{
    private static SubscriptionState At(TimeOnly? digestAt, string? zone = null, QuietHours? quiet = null) =>
        Given.Subscription(new AlertRule("reach", AlertRuleKinds.NegativeReach, TimeSpan.FromMinutes(15), Threshold: 1)) with
        {
            DigestAt = digestAt,
            DigestTimeZone = zone,
            QuietHours = quiet,
        };

    [Fact]
    public void Should_cover_the_local_day_up_to_the_latest_scheduled_time()
    {
        // 08:00 in Shanghai is 00:00 UTC. At 01:00 UTC on the 21st, the latest is the 21st's.
        var due = DigestSchedule.Latest(At(new TimeOnly(8, 0), "Asia/Shanghai"), new DateTimeOffset(2026, 11, 21, 1, 0, 0, TimeSpan.Zero))!;

        Assert.Equal(new DateOnly(2026, 11, 21), due.Day);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), due.To);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), due.From);
        Assert.Equal("Asia/Shanghai", due.TimeZone);
    }

    [Fact]
    public void Should_take_the_previous_day_before_today_s_time()
    {
        // 23:59 UTC on the 20th is 07:59 on the 21st in Shanghai: the 21st's digest is not due yet.
        var due = DigestSchedule.Latest(At(new TimeOnly(8, 0), "Asia/Shanghai"), new DateTimeOffset(2026, 11, 20, 23, 59, 0, TimeSpan.Zero))!;

        Assert.Equal(new DateOnly(2026, 11, 20), due.Day);
    }

    [Fact]
    public void Should_use_the_quiet_hours_zone_else_utc()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), "Asia/Tokyo");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero), DigestSchedule.Latest(At(new TimeOnly(8, 0), quiet: quiet), now)!.To);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero), DigestSchedule.Latest(At(new TimeOnly(8, 0)), now)!.To);
        Assert.Null(DigestSchedule.Latest(At(null), now));
    }

    [Fact]
    public void Should_span_25_hours_on_the_day_clocks_go_back()
    {
        // Berlin leaves summer time on 25 October 2026: 08:00 on the 24th is 06:00 UTC, on the 25th 07:00 UTC.
        var due = DigestSchedule.Latest(At(new TimeOnly(8, 0), "Europe/Berlin"), new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero))!;

        Assert.Equal(TimeSpan.FromHours(25), due.To - due.From);
    }

    [Fact]
    public void Should_give_the_same_day_the_same_id()
    {
        var day = new DateOnly(2026, 11, 21);

        Assert.Equal(DigestIds.For(Given.SubscriptionId, day), DigestIds.For(Given.SubscriptionId, day));
        Assert.NotEqual(DigestIds.For(Given.SubscriptionId, day), DigestIds.For(Given.SubscriptionId, day.AddDays(1)));
    }
}
