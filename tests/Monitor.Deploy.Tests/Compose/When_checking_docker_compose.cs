using Xunit;

namespace Monitor.Deploy.Tests.Compose;

public class When_checking_docker_compose
{
    private readonly ComposeFile compose = ComposeFile.Load();

    public static TheoryData<string> ServiceProjects() => new(Repository.ServiceProjects());

    [Fact]
    public void Should_have_a_compose_service_for_every_service_project()
    {
        var built = compose.BuiltServices();

        Assert.NotEmpty(Repository.ServiceProjects());
        foreach (var folder in Repository.ServiceProjects())
        {
            var name = ComposeFile.ServiceNameOf(folder);
            Assert.True(built.ContainsKey(name),
                $"services/{folder} has no compose service '{name}' built from {ComposeFile.ServiceDockerfile}");
            Assert.Equal(folder, built[name]);
        }
        Assert.All(built.Values, folder => Assert.Contains(folder, Repository.ServiceProjects()));
    }

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void Should_check_readiness_on_the_port_the_service_listens_on(string folder)
    {
        var service = compose.Service(ComposeFile.ServiceNameOf(folder));
        var listensOn = ComposeFile.PortOf(ComposeFile.Environment(service).GetValueOrDefault("ASPNETCORE_URLS", ""));
        var test = service.Mapping("healthcheck").Strings("test");
        var probe = test.SingleOrDefault(t => t.Contains("/health/ready"));

        Assert.NotNull(listensOn);
        Assert.NotNull(probe);
        Assert.Equal(listensOn, ComposeFile.PortOf(probe));
        Assert.Equal("CMD", test[0]);
    }

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void Should_start_only_after_postgres_and_rabbitmq_are_healthy(string folder)
    {
        var service = compose.Service(ComposeFile.ServiceNameOf(folder));
        var dependsOn = service.Mapping("depends_on");

        foreach (var infrastructure in new[] { "postgres", "rabbitmq" })
            Assert.Equal("service_healthy", dependsOn.Mapping(infrastructure).Scalar("condition"));
        Assert.Equal("unless-stopped", service.Scalar("restart"));
    }

    [Fact]
    public void Should_publish_only_ingestion_and_the_api_among_the_services_and_only_on_loopback()
    {
        var published = Repository.ServiceProjects()
            .Select(ComposeFile.ServiceNameOf)
            .Where(name => compose.Service(name).Strings("ports").Count > 0)
            .ToList();

        Assert.Equal(["api", "ingestion"], published.Order());
        Assert.All(published.SelectMany(name => compose.Service(name).Strings("ports")), p => Assert.StartsWith("127.0.0.1:", p));
    }

    [Theory]
    [InlineData("postgres", "postgres-data", "pg_isready")]
    [InlineData("rabbitmq", "rabbitmq-data", "rabbitmq-diagnostics")]
    public void Should_keep_infrastructure_data_in_named_volumes_with_a_healthcheck(string name, string volume, string probe)
    {
        var service = compose.Service(name);

        Assert.Contains(service.Strings("volumes"), v => v.StartsWith(volume + ":", StringComparison.Ordinal));
        Assert.Contains(volume, compose.Root.Mapping("volumes").Keys);
        Assert.Contains(service.Mapping("healthcheck").Strings("test"), t => t.Contains(probe));
    }

    [Fact]
    public void Should_run_rabbitmq_with_its_management_ui()
    {
        Assert.Equal("rabbitmq:3.13-management", compose.Service("rabbitmq").Scalar("image"));
        Assert.Contains(compose.Service("rabbitmq").Strings("ports"), p => p.EndsWith(":15672", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_give_every_substituted_variable_a_default_or_require_it_and_list_it_in_env_example()
    {
        var envExample = Repository.Read(".env.example")
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)[0])
            .ToHashSet();
        var substitutions = compose.Substitutions();

        Assert.NotEmpty(substitutions);
        Assert.All(substitutions, s =>
        {
            Assert.True(s.HasDefault || s.IsRequired, $"${{{s.Name}}} has neither a default nor a required-message (${{{s.Name}:?...}}), so compose would quietly use an empty value");
            Assert.True(envExample.Contains(s.Name), $"${{{s.Name}}} is not listed in .env.example");
        });
    }
}
