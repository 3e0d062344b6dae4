using System.Text.RegularExpressions;
using Monitor.Cli.Tests.Infrastructure;

namespace Monitor.Cli.Tests.Keys;

public sealed partial class When_managing_keys(AlertsService alerts) : IClassFixture<AlertsService>
{
    private Task<CliResult> Run(string key, params string[] args) => CliRun.RunAsync(alerts.Environment(key), [.. args, .. alerts.Url]);

    [GeneratedRegex(@"key: id=([0-9a-f-]{36}) owner=chen\.jing role=viewer")]
    private static partial Regex IssuedLine();

    [Fact]
    public async Task Should_create_list_and_revoke_a_key_that_then_stops_working()
    {
        var created = await Run(AlertsService.AdminKey, "keys", "create", "--owner", "chen.jing", "--role", "viewer", "--name", "wall screen");
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = created.Output.Split('\n')[0].Trim();
        var id = IssuedLine().Match(created.Output).Groups[1].Value;
        Assert.StartsWith("mk_", key);
        Assert.Equal(0, (await Run(key, "subscriptions", "list")).ExitCode);

        var listed = await Run(AlertsService.AdminKey, "keys", "list");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var row = Assert.Single(listed.Output.Split('\n'), l => l.Contains(id));
        Assert.Contains("wall screen", row);
        Assert.Contains(key[^4..], row);
        Assert.Contains("active", row);
        Assert.DoesNotContain(key, listed.Output);

        var revoked = await Run(AlertsService.AdminKey, "keys", "revoke", id);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Contains($"key {id} (chen.jing, viewer) is revoked", revoked.Output);

        var refused = await Run(key, "subscriptions", "list");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("did not accept the API key", refused.Error);
        Assert.Contains("revoked", Assert.Single((await Run(AlertsService.AdminKey, "keys", "list")).Output.Split('\n'), l => l.Contains(id)));
    }

    [Fact]
    public async Task Should_refuse_a_key_that_is_not_an_admins()
    {
        var analyst = await alerts.IssueKeyAsync("he.yu", "analyst");

        var listed = await Run(analyst, "keys", "list");
        var revoked = await Run(analyst, "keys", "revoke", Guid.NewGuid().ToString());

        Assert.NotEqual(0, listed.ExitCode);
        Assert.Contains("Only admins list keys", listed.Error);
        Assert.Contains("Only admins revoke keys", revoked.Error);
    }
}
