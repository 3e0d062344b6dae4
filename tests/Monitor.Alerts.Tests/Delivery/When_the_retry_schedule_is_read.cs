using Microsoft.Extensions.Configuration;
using Monitor.Alerts.Delivery;
using Monitor.Hosting.Configuration;

namespace Monitor.Alerts.Tests.Delivery;

public sealed class When_the_retry_schedule_is_read
{
    [Fact]
    public void Should_ride_out_about_a_day_by_default()
    {
        var schedule = DeliverySchedule.Default;

        Assert.Equal(30, schedule.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.WaitAfter(1));
        Assert.Equal(TimeSpan.FromMinutes(30), schedule.WaitAfter(6));
        Assert.Equal(TimeSpan.FromHours(1), schedule.WaitAfter(29));
        Assert.Null(schedule.WaitAfter(30));
        Assert.InRange(schedule.Span, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [Fact]
    public void Should_read_waits_with_units_and_repeats()
    {
        var schedule = DeliverySchedule.Parse("1.5s, 2*1m ,1h");

        Assert.Equal([TimeSpan.FromSeconds(1.5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)], schedule.Waits);
    }

    [Theory]
    [InlineData("10", "'10' is not a wait")]
    [InlineData("10s,,1m", "'' is not a wait")]
    [InlineData("5d", "'5d' is not a wait")]
    [InlineData("0s", "'0s': a wait must be positive")]
    public void Should_say_which_part_is_wrong(string setting, string message)
    {
        Assert.StartsWith(message, Assert.Throws<FormatException>(() => DeliverySchedule.Parse(setting)).Message);
    }

    [Fact]
    public void Should_refuse_a_malformed_setting_at_start_naming_the_variable()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DeliverySchedule.Variable] = "soon" }).Build();

        var error = Assert.Throws<InvalidSettingException>(() => AlertsSettings.From(configuration));

        Assert.Contains("MONITOR_ALERTS_RETRY_SCHEDULE", error.Message);
        Assert.Contains("'soon' is not a wait", error.Message);
    }
}
