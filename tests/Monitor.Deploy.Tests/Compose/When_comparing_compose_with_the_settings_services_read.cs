using Monitor.Hosting.Configuration;
using Xunit;

namespace Monitor.Deploy.Tests.Compose;

/// <summary>docker-compose.yml hands each service exactly the variables Monitor.Hosting says it reads.</summary>
public class When_comparing_compose_with_the_settings_services_read
{
    private readonly ComposeFile compose = ComposeFile.Load();

    public static TheoryData<string> Services() => new(MonitorServices.All);

    private static IEnumerable<MonitorVariable> ReadBy(string service) =>
        MonitorSettings.Variables.Where(v => v.Services.Contains(service));

    private static bool IsMonitorSetting(string name) =>
        name.StartsWith("MONITOR_", StringComparison.Ordinal) || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal);

    [Fact]
    public void Should_run_every_service_the_hosting_library_knows()
    {
        Assert.Equal(
            MonitorServices.All.Order(StringComparer.Ordinal),
            Repository.ServiceProjects().Select(ComposeFile.ServiceNameOf).Order(StringComparer.Ordinal));
        Assert.All(MonitorServices.All, name => Assert.NotNull(compose.Services[name]));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_set_every_variable_with_a_default_that_the_service_reads(string service)
    {
        // The defaults point at 127.0.0.1, which inside a container is the container itself, so
        // compose states each of them; variables without a default (optional paths) may be left out.
        var environment = ComposeFile.Environment(compose.Service(service));

        var missing = ReadBy(service).Where(v => v.Default is not null && !environment.ContainsKey(v.Name)).Select(v => v.Name).ToList();

        Assert.True(missing.Count == 0, $"compose service '{service}' does not set {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_set_no_variable_the_service_does_not_read(string service)
    {
        var environment = ComposeFile.Environment(compose.Service(service));
        var read = ReadBy(service).Select(v => v.Name).ToHashSet();

        var unknown = environment.Keys.Where(IsMonitorSetting).Where(name => !read.Contains(name)).ToList();

        Assert.True(unknown.Count == 0,
            $"compose service '{service}' sets {string.Join(", ", unknown)}, which MonitorSettings.Variables does not list for it");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_listen_on_the_services_default_port(string service)
    {
        var urls = ComposeFile.Environment(compose.Service(service))[MonitorSettings.UrlsVariable];

        Assert.Equal(MonitorServices.DefaultPorts[service], ComposeFile.PortOf(urls));
        Assert.DoesNotContain("127.0.0.1", urls); // a container must listen beyond its own loopback
    }

    [Fact]
    public void Should_point_the_services_at_the_compose_infrastructure()
    {
        foreach (var service in MonitorServices.All)
        {
            var environment = ComposeFile.Environment(compose.Service(service));
            Assert.Contains("Host=postgres;", environment[MonitorSettings.PostgresVariable]);
            Assert.Contains("@rabbitmq:5672", environment[MonitorSettings.RabbitMqVariable]);
        }
    }
}
