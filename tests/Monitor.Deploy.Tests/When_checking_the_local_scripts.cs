using System.Text.RegularExpressions;
using Monitor.Deploy.Tests.Compose;
using Xunit;

namespace Monitor.Deploy.Tests;

public partial class When_checking_the_local_scripts
{
    /// <summary>The entries of MONITOR_SERVICES in deploy/local/services.sh: name, project folder, port.</summary>
    private static IReadOnlyList<(string Name, string Folder, int Port)> LocalServices() =>
        ServiceEntry().Matches(Repository.Read("deploy/local/services.sh"))
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, int.Parse(m.Groups[3].Value)))
            .ToList();

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

    [GeneratedRegex("""^\s*"(\w+) (\w+) (\d+)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex ServiceEntry();
}
