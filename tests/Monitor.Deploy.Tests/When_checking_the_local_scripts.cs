using System.Text.RegularExpressions;
using Monitor.Deploy.Tests.Compose;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Hosting.Configuration;
using Xunit;

namespace Monitor.Deploy.Tests;

public partial class When_checking_the_local_scripts
{
    /// <summary>The entries of MONITOR_SERVICES in deploy/local/services.sh: name, project folder, port.</summary>
    private static IReadOnlyList<(string Name, string Folder, int Port)> LocalServices() =>
        LocalEntries().Select(m => (m.Groups["name"].Value, m.Groups["folder"].Value, int.Parse(m.Groups["port"].Value))).ToList();

    /// <summary>The VARIABLE=value settings an entry hands its service, by service name.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> LocalVariables() =>
        LocalEntries().ToDictionary(
            m => m.Groups["name"].Value,
            m => (IReadOnlyList<string>)m.Groups["variable"].Captures.Select(c => c.Value).ToList());

    private static IReadOnlyList<Match> LocalEntries() => ServiceEntry().Matches(Repository.Read("deploy/local/services.sh")).ToList();

    public static TheoryData<string> Feeds() => new(FeedSettings.FeedServices);

    [Fact]
    public void Should_start_every_service_project_under_its_compose_name()
    {
        var local = LocalServices();

        Assert.Equal(Repository.ServiceProjects(), local.Select(s => s.Folder).Order(StringComparer.Ordinal));
        Assert.All(local, s => Assert.Equal(ComposeFile.ServiceNameOf(s.Folder), s.Name));
    }

    [Fact]
    public void Should_use_the_same_port_as_docker_compose_and_no_port_twice()
    {
        var compose = ComposeFile.Load();
        var local = LocalServices();

        Assert.Equal(local.Count, local.Select(s => s.Port).Distinct().Count());
        foreach (var (name, _, port) in local)
        {
            var urls = ComposeFile.Environment(compose.Service(name))["ASPNETCORE_URLS"];
            Assert.Equal(port, ComposeFile.PortOf(urls));
        }
    }

    [Theory]
    [InlineData("deploy/local/up.sh")]
    [InlineData("deploy/local/down.sh")]
    public void Should_be_executable_bash_scripts(string script)
    {
        var path = Repository.PathOf(script);

        Assert.StartsWith("#!/usr/bin/env bash", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Should_hand_each_feed_only_variables_the_feed_reads(string feed)
    {
        var variables = LocalVariables();
        Assert.True(variables.ContainsKey(feed), $"services.sh does not start the {feed} feed");

        var unknown = variables[feed]
            .Where(name => !FeedSettings.Variables.Any(v => v.Name == name && v.Services.Contains(feed)))
            .ToList();

        Assert.True(unknown.Count == 0, $"services.sh hands {feed} {string.Join(", ", unknown)}, which FeedSettings.Variables does not list for it");
    }

    [Fact]
    public void Should_replay_the_sample_at_60x_with_gaps_capped()
    {
        var replay = LocalVariables()["replay"];

        Assert.Contains(FeedSettings.ReplaySpeedVariable, replay);
        Assert.Contains(FeedSettings.ReplayLongestGapVariable, replay);
        Assert.Contains($"{FeedSettings.ReplaySpeedVariable}=${{MONITOR_REPLAY_SPEED:-60}}", Repository.Read("deploy/local/services.sh"));
    }

    [Fact]
    public void Should_hand_the_pipeline_services_no_feed_variables()
    {
        var variables = LocalVariables();

        Assert.All(MonitorServices.All, service => Assert.Empty(variables[service]));
    }

    // "name Folder/Nested port VARIABLE=value ...": the settings' values are not captured, only their names
    [GeneratedRegex("""^\s*"(?<name>\w+) (?<folder>\w+(/\w+)*) (?<port>\d+)( (?<variable>MONITOR_\w+)=[^ "]*)*"\s*$""", RegexOptions.Multiline)]
    private static partial Regex ServiceEntry();
}
