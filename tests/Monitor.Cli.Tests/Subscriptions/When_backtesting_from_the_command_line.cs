using System.Text.RegularExpressions;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Contracts;

namespace Monitor.Cli.Tests.Subscriptions;

public sealed partial class When_backtesting_from_the_command_line(AlertsService alerts) : IClassFixture<AlertsService>
{
    private static readonly DateTimeOffset Launch = new(2024, 3, 28, 12, 0, 0, TimeSpan.Zero);

    [GeneratedRegex(@"subscription: id=([0-9a-f-]{36})")]
    private static partial Regex CreatedLine();

    [Fact]
    public async Task Should_print_the_alerts_stored_history_would_have_raised_with_their_links()
    {
        var loud = new SentimentScored(Guid.NewGuid(), PlatformNames.Weibo, Launch.AddHours(2), SentimentLabels.Negative, -0.9, 0.95, "test", [], ["xiaomi-su7"], 250_000);
        var quiet = new SentimentScored(Guid.NewGuid(), PlatformNames.Weibo, Launch.AddHours(3), SentimentLabels.Negative, -0.9, 0.95, "test", [], ["xiaomi-su7"], 500);
        var outside = new SentimentScored(Guid.NewGuid(), PlatformNames.Weibo, Launch.AddDays(3), SentimentLabels.Negative, -0.9, 0.95, "test", [], ["xiaomi-su7"], 900_000);
        await alerts.StoreScoredAsync(loud, "https://weibo.com/1/loud");
        await alerts.StoreScoredAsync(quiet, "https://weibo.com/1/quiet");
        await alerts.StoreScoredAsync(outside, "https://weibo.com/1/outside");
        var key = await alerts.IssueKeyAsync("analyst", "analyst");
        var env = alerts.Environment(key);
        var added = await CliRun.RunAsync(env, ["subscriptions", "add", "--name", "Big negative posts", "--reach", "100000", .. alerts.Url]);
        Assert.True(added.ExitCode == 0, added.ToString());
        var id = CreatedLine().Match(added.Output).Groups[1].Value;

        var backtest = await CliRun.RunAsync(env,
            ["subscriptions", "backtest", id, "--from", "2024-03-28T00:00:00Z", "--to", "2024-03-29T00:00:00Z", .. alerts.Url]);

        Assert.True(backtest.ExitCode == 0, backtest.ToString());
        Assert.Contains("backtest: alerts=1 negative-reach=1", backtest.Output);
        Assert.Contains("https://weibo.com/1/loud", backtest.Output);
        Assert.DoesNotContain("https://weibo.com/1/outside", backtest.Output);
    }

    [Fact]
    public async Task Should_refuse_a_period_that_ends_before_it_starts_as_a_usage_error()
    {
        var result = await CliRun.RunAsync(alerts.Environment("any"),
            ["subscriptions", "backtest", Guid.NewGuid().ToString(), "--from", "2024-03-29", "--to", "2024-03-28", .. alerts.Url]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--to", result.Error);
        Assert.Contains("must come after --from", result.Error);
    }

    [Theory]
    [InlineData("0001-01-01", "9999-12-31", "--from 0001-01-01T00:00:00.0000000+00:00 is before 2000-01-01")]
    [InlineData("2024-01-01", "2024-12-31", "a backtest covers at most 92 days")]
    public async Task Should_refuse_a_period_out_of_bounds_as_a_usage_error(string from, string to, string message)
    {
        var result = await CliRun.RunAsync(alerts.Environment("any"),
            ["subscriptions", "backtest", Guid.NewGuid().ToString(), "--from", from, "--to", to, .. alerts.Url]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }
}
