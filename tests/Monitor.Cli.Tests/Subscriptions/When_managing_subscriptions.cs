using System.Text.RegularExpressions;
using Monitor.Cli.Tests.Infrastructure;

namespace Monitor.Cli.Tests.Subscriptions;

public sealed partial class When_managing_subscriptions(AlertsService alerts) : IClassFixture<AlertsService>
{
    private Task<CliResult> Run(string key, params string[] args) => CliRun.RunAsync(alerts.Environment(key), [.. args, .. alerts.Url]);

    private static Guid CreatedId(CliResult result) => Guid.Parse(CreatedLine().Match(result.Output).Groups[1].Value);

    [GeneratedRegex(@"subscription: id=([0-9a-f-]{36})")]
    private static partial Regex CreatedLine();

    [Fact]
    public async Task Should_create_from_options_then_list_pause_and_resume_it()
    {
        var analyst = await alerts.IssueKeyAsync("li.na", "analyst");

        var added = await Run(analyst, "subscriptions", "add", "--name", "SU7 delivery complaints",
            "--platform", "weibo,douyin", "--entity", "xiaomi-su7", "--keyword", "提车", "--exclude", "广告", "--language", "zh",
            "--negative-share", "40", "--min-volume", "5", "--window", "1h",
            "--spike-window", "15m", "--spike-preset", "strict", "--dip", "0.3", "--reach", "100000",
            "--webhook", "http://127.0.0.1:9/hook", "--webhook-secret", "s3cret", "--email", "pr@example.com",
            "--quiet-hours", "22:00-07:00", "--time-zone", "Asia/Shanghai", "--digest-at", "09:00");
        Assert.True(added.ExitCode == 0, added.ToString());
        var id = CreatedId(added);

        var shown = await Run(analyst, "subscriptions", "show", id.ToString());
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("platforms weibo,douyin; entities xiaomi-su7; with 提车; without 广告; languages zh", shown.Output);
        Assert.Contains("negative share > 40% of ≥ 5 items per 1h", shown.Output);
        Assert.Contains("volume spike per 15m, k=3 over 12 windows", shown.Output);
        Assert.Contains("sentiment dip ≥ 0.3 per 1h", shown.Output);
        Assert.Contains("negative item with reach ≥ 100000", shown.Output);
        Assert.Contains("webhook: webhook http://127.0.0.1:9/hook (signed)", shown.Output);
        Assert.Contains("22:00-07:00 Asia/Shanghai", shown.Output);
        Assert.Contains("daily at 09:00", shown.Output);

        var paused = await Run(analyst, "subscriptions", "pause", id.ToString());
        Assert.True(paused.ExitCode == 0, paused.ToString());
        Assert.Contains("is paused", paused.Output);
        var listed = await Run(analyst, "subscriptions", "list");
        Assert.Contains("subscriptions: 1 (1 paused)", listed.Output);
        Assert.Contains(id.ToString(), listed.Output);

        var resumed = await Run(analyst, "subscriptions", "resume", id.ToString());
        Assert.Contains("is active", resumed.Output);
        Assert.Contains("subscriptions: 1 (0 paused)", (await Run(analyst, "subscriptions", "list")).Output);
    }

    [Fact]
    public async Task Should_create_from_a_json_file()
    {
        var analyst = await alerts.IssueKeyAsync("wang.wei", "analyst");
        var file = Path.Combine(Path.GetTempPath(), $"sub-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {"name":"Reach watch","scope":{"platforms":["weibo"],"entityIds":[],"requiredTerms":[],"excludedTerms":[],"languages":[]},
             "rules":[{"ruleId":"big","kind":"negative-reach","window":"01:00:00","threshold":50000}],
             "channels":[{"channelId":"ops","kind":"slack","target":"http://127.0.0.1:9/slack"}]}
            """);
        try
        {
            var added = await Run(analyst, "subscriptions", "add", "--file", file);

            Assert.True(added.ExitCode == 0, added.ToString());
            var shown = await Run(analyst, "subscriptions", "show", CreatedId(added).ToString());
            Assert.Contains("negative item with reach ≥ 50000", shown.Output);
            Assert.Contains("ops: slack http://127.0.0.1:9/slack", shown.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Should_show_what_the_service_refused_and_exit_1()
    {
        var analyst = await alerts.IssueKeyAsync("zhao.lei", "analyst");

        var added = await Run(analyst, "subscriptions", "add", "--name", "too short", "--negative-share", "0.4", "--window", "5m");

        Assert.Equal(1, added.ExitCode);
        Assert.Contains("rules[0].window: 00:05:00 is outside 00:15:00..1.00:00:00", added.Error);
    }

    [Fact]
    public async Task Should_refuse_a_key_the_service_does_not_know()
    {
        var listed = await Run("mk_not-a-key", "subscriptions", "list");

        Assert.Equal(1, listed.ExitCode);
        Assert.Contains("did not accept the API key", listed.Error);
    }

    [Fact]
    public async Task Should_not_show_another_analysts_subscription()
    {
        var owner = await alerts.IssueKeyAsync("owner", "analyst");
        var other = await alerts.IssueKeyAsync("other", "analyst");
        var added = await Run(owner, "subscriptions", "add", "--name", "mine", "--reach", "1000");
        Assert.True(added.ExitCode == 0, added.ToString());

        var shown = await Run(other, "subscriptions", "show", CreatedId(added).ToString());

        Assert.Equal(1, shown.ExitCode);
        Assert.Contains("not found", shown.Error);
    }
}
