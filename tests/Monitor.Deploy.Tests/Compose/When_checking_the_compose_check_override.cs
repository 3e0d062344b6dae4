using System.Text.RegularExpressions;
using Xunit;

namespace Monitor.Deploy.Tests.Compose;

/// <summary>
/// deploy/compose-check: the override `./monitor compose-check` lays over docker-compose.yml and the
/// host ports it takes from check.env. The check runs next to a local PostgreSQL and RabbitMQ and
/// `./monitor up`'s services, and must not change what users run.
/// </summary>
public partial class When_checking_the_compose_check_override
{
    private const string OverridePath = "deploy/compose-check/docker-compose.check.yml";

    // a local PostgreSQL, RabbitMQ (AMQP, management, Erlang distribution, epmd) and `./monitor up`'s services
    private static readonly int[] TakenPorts = [5432, 5672, 15672, 25672, 4369, .. Enumerable.Range(5101, 14)];

    private readonly ComposeFile compose = ComposeFile.Load();
    private readonly ComposeFile checkOverride = ComposeFile.Parse(Repository.Read(OverridePath));
    private readonly IReadOnlyDictionary<string, string> checkPorts = Repository.Read("deploy/compose-check/check.env")
        .Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('=', 2))
        .ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public void Should_publish_every_host_port_of_the_merged_files_away_from_the_local_services()
    {
        var published = new[] { compose, checkOverride }
            .SelectMany(file => file.Services.Entries)
            .SelectMany(service => ((YamlMapping)service.Value).Strings("ports").Select(port => (Service: service.Key, Port: port)))
            .ToList();

        Assert.Contains(published, p => p.Service == "postgres");
        Assert.All(published, p =>
        {
            var host = HostPort(p.Port);
            Assert.True(host is not null, $"{p.Service}: '{p.Port}' does not publish on 127.0.0.1 through a variable check.env sets");
            Assert.DoesNotContain(host!.Value, TakenPorts);
        });
        Assert.Equal(published.Count, published.Select(p => HostPort(p.Port)).Distinct().Count());
    }

    [Fact]
    public void Should_change_only_build_arguments_and_publish_postgres()
    {
        Assert.All(checkOverride.Services.Entries, entry =>
        {
            Assert.Contains(entry.Key, compose.Services.Keys);
            var service = (YamlMapping)entry.Value;
            if (entry.Key == "postgres")
            {
                Assert.Equal(["ports"], service.Keys);
                return;
            }
            Assert.Equal(["build"], service.Keys);
            Assert.Equal(["args"], service.Mapping("build").Keys);
            Assert.Equal(["APP_FROM"], service.Mapping("build").Mapping("args").Keys);
        });
        Assert.Empty(checkOverride.Root.Keys.Except(["services"]));
    }

    [Fact]
    public void Should_give_every_service_built_from_the_dockerfile_the_same_image_source()
    {
        var sources = compose.BuiltServices().Keys
            .Select(name => checkOverride.Services[name] is YamlMapping service
                ? service.Mapping("build").Mapping("args").Scalar("APP_FROM")
                : null)
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Equal("${COMPOSE_CHECK_APP_FROM:-published}", s));
    }

    /// <summary>The host port of "127.0.0.1:${VARIABLE...}:container", with the variable's value from check.env.</summary>
    private int? HostPort(string mapping)
    {
        var match = LoopbackVariablePort().Match(mapping);
        if (!match.Success || !checkPorts.TryGetValue(match.Groups["name"].Value, out var value)) return null;
        return int.TryParse(value, out var port) ? port : null;
    }

    [GeneratedRegex(@"^127\.0\.0\.1:\$\{(?<name>[A-Z_]+)(:?[-?][^}]*)?\}:\d+$")]
    private static partial Regex LoopbackVariablePort();
}
