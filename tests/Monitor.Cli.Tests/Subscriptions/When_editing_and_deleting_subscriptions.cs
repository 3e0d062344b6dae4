using System.Text.RegularExpressions;
using Monitor.Cli.Tests.Infrastructure;

namespace Monitor.Cli.Tests.Subscriptions;

public sealed partial class When_editing_and_deleting_subscriptions(AlertsService alerts) : IClassFixture<AlertsService>
{
    private Task<CliResult> Run(string key, params string[] args) => CliRun.RunAsync(alerts.Environment(key), [.. args, .. alerts.Url]);

    [GeneratedRegex(@"subscription: id=([0-9a-f-]{36})")]
    private static partial Regex CreatedLine();

    [Fact]
    public async Task Should_replace_the_parts_a_file_changes_then_delete_it()
    {
        var analyst = await alerts.IssueKeyAsync("liu.yang", "analyst");
        var added = await Run(analyst, "subscriptions", "add", "--name", "SU7", "--reach", "100000");
        Assert.True(added.ExitCode == 0, added.ToString());
        var id = CreatedLine().Match(added.Output).Groups[1].Value;
        var file = Path.Combine(Path.GetTempPath(), $"sub-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {"name":"SU7 launch","scope":{"platforms":["weibo"]},
             "rules":[{"ruleId":"big","kind":"negative-reach","window":"00:15:00","threshold":50000}],
             "digestAt":"09:00","digestTimeZone":"Asia/Shanghai",
             "quietHours":{"from":"22:00","to":"07:00","timeZone":"Asia/Shanghai"}}
            """);
        try
        {
            var edited = await Run(analyst, "subscriptions", "edit", id, "--file", file);
            var again = await Run(analyst, "subscriptions", "edit", id, "--file", file);

            Assert.True(edited.ExitCode == 0, edited.ToString());
            Assert.Contains($"subscription: id={id} name=SU7 launch changed=name,scope,rules,digest,quiet-hours", edited.Output);
            Assert.Contains("changed=nothing", again.Output);
            var shown = await Run(analyst, "subscriptions", "show", id);
            Assert.Contains("negative item with reach ≥ 50000", shown.Output);
            Assert.Contains("platforms weibo", shown.Output);
            Assert.Contains("22:00-07:00 Asia/Shanghai", shown.Output);
        }
        finally
        {
            File.Delete(file);
        }

        var deleted = await Run(analyst, "subscriptions", "delete", id);

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Contains($"subscription {id} (SU7 launch) is deleted", deleted.Output);
        Assert.DoesNotContain(id, (await Run(analyst, "subscriptions", "list")).Output);
        var gone = await Run(analyst, "subscriptions", "show", id);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("not found", gone.Error);
    }

    [Fact]
    public async Task Should_name_the_field_the_service_refuses_in_an_edit()
    {
        var analyst = await alerts.IssueKeyAsync("sun.li", "analyst");
        var added = await Run(analyst, "subscriptions", "add", "--name", "SU7", "--reach", "100000");
        var id = CreatedLine().Match(added.Output).Groups[1].Value;
        var file = Path.Combine(Path.GetTempPath(), $"sub-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"name":"SU7","rules":[{"ruleId":"big","kind":"negative-reach","window":"00:05:00","threshold":50000}]}""");
        try
        {
            var edited = await Run(analyst, "subscriptions", "edit", id, "--file", file);

            Assert.Equal(1, edited.ExitCode);
            Assert.Contains("rules[0].window: 00:05:00 is outside 00:15:00..1.00:00:00", edited.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
