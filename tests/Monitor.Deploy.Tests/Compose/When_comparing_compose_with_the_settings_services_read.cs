using System.Text.RegularExpressions;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Hosting.Configuration;
using Xunit;

namespace Monitor.Deploy.Tests.Compose;

/// <summary>
/// docker-compose.yml hands each service exactly the variables it reads: Monitor.Hosting's
/// MonitorSettings.Variables, and for a feed also the feed SDK's FeedSettings.Variables.
/// </summary>
public partial class When_comparing_compose_with_the_settings_services_read
{
    private readonly ComposeFile compose = ComposeFile.Load();

    public static TheoryData<string> Services() => new(MonitorServices.All);

    public static TheoryData<string> Feeds() => new(FeedSettings.FeedServices);

    public static TheoryData<string> ServicesAndFeeds() => new(MonitorServices.All.Concat(FeedSettings.FeedServices));

    private static bool IsFeed(string service) => FeedSettings.FeedServices.Contains(service);

    // A feed runs AddMonitorDefaults like every pipeline service, so it reads the variables all of
    // those read (database, broker, schema, URLs, log format) but none of one service's own settings.
    private static IEnumerable<MonitorVariable> HostingVariablesReadBy(string service) =>
        MonitorSettings.Variables.Where(v => IsFeed(service)
            ? MonitorServices.All.All(v.Services.Contains)
            : v.Services.Contains(service));

    private static IEnumerable<MonitorVariable> ReadBy(string service) =>
        HostingVariablesReadBy(service).Concat(FeedSettings.Variables.Where(v => v.Services.Contains(service)));

    private static bool IsMonitorSetting(string name) =>
        name.StartsWith("MONITOR_", StringComparison.Ordinal) || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal);

    [Fact]
    public void Should_run_every_service_and_feed_the_settings_know()
    {
        var known = MonitorServices.All.Concat(FeedSettings.FeedServices).ToList();

        Assert.Equal(
            known.Order(StringComparer.Ordinal),
            Repository.ServiceProjects().Select(ComposeFile.ServiceNameOf).Order(StringComparer.Ordinal));
        Assert.All(known, name => Assert.NotNull(compose.Services[name]));
    }

    [Theory]
    [MemberData(nameof(ServicesAndFeeds))]
    public void Should_set_every_variable_with_a_default_that_the_service_reads(string service)
    {
        // The defaults point at 127.0.0.1, which inside a container is the container itself, so
        // compose states each of them; variables without a default (optional paths) may be left out.
        var environment = ComposeFile.Environment(compose.Service(service));

        // (A feed's own settings have defaults that hold in a container as well: they may be left out.)
        var missing = HostingVariablesReadBy(service).Where(v => v.Default is not null && !environment.ContainsKey(v.Name)).Select(v => v.Name).ToList();

        Assert.True(missing.Count == 0, $"compose service '{service}' does not set {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(ServicesAndFeeds))]
    public void Should_set_no_variable_the_service_does_not_read(string service)
    {
        var environment = ComposeFile.Environment(compose.Service(service));
        var read = ReadBy(service).Select(v => v.Name).ToHashSet();

        var unknown = environment.Keys.Where(IsMonitorSetting).Where(name => !read.Contains(name)).ToList();

        Assert.True(unknown.Count == 0,
            $"compose service '{service}' sets {string.Join(", ", unknown)}, which neither MonitorSettings.Variables nor FeedSettings.Variables lists for it");
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
        foreach (var service in MonitorServices.All.Concat(FeedSettings.FeedServices))
        {
            var environment = ComposeFile.Environment(compose.Service(service));
            Assert.Contains("Host=postgres;", environment[MonitorSettings.PostgresVariable]);
            Assert.Contains("@rabbitmq:5672", environment[MonitorSettings.RabbitMqVariable]);
        }
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Should_listen_on_the_port_the_feeds_program_gives_as_its_default(string feed)
    {
        var folder = Repository.ServiceProjects().Single(f => ComposeFile.ServiceNameOf(f) == feed);
        var declared = DefaultPort().Match(Repository.Read($"services/{folder}/Program.cs"));
        var urls = ComposeFile.Environment(compose.Service(feed))[MonitorSettings.UrlsVariable];

        Assert.True(declared.Success, $"services/{folder}/Program.cs passes no defaultPort to AddMonitorFeed");
        Assert.Equal(int.Parse(declared.Groups[1].Value), ComposeFile.PortOf(urls));
        Assert.DoesNotContain("127.0.0.1", urls);
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Should_start_a_feed_only_after_ingestion_is_ready(string feed)
    {
        // CoverageReceived published before ingestion has declared its queue would reach no queue
        var dependsOn = compose.Service(feed).Mapping("depends_on");

        Assert.Equal("service_healthy", dependsOn.Mapping("ingestion").Scalar("condition"));
    }

    [Fact]
    public void Should_give_the_replay_feed_a_corpus_it_can_read_in_its_container()
    {
        var replay = compose.Service("replay");
        var source = ComposeFile.Environment(replay)[FeedSettings.ReplaySourceVariable];
        var mounted = replay.Strings("volumes").Select(v => v.Split(':')).Where(p => p.Length >= 2).ToList();

        Assert.Contains(mounted, p => p[1] == source && Directory.Exists(Repository.PathOf(p[0].TrimStart('.', '/'))));
    }

    [GeneratedRegex(@"AddMonitorFeed<\w+>\(""[a-z-]+"",\s*defaultPort:\s*(\d+)\)")]
    private static partial Regex DefaultPort();
}
