using System.Text.RegularExpressions;
using Monitor.Deploy.Tests.Broker;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Hosting.Configuration;
using Xunit;

namespace Monitor.Deploy.Tests.Compose;

/// <summary>docker-compose.yml as production runs it: secrets from .env, least-privilege users and roles, limits, scaling.</summary>
public partial class When_checking_production_compose
{
    private readonly ComposeFile compose = ComposeFile.Load();
    private readonly BrokerDefinitions definitions = BrokerDefinitions.Load();

    /// <summary>Stages that scale out: several instances share their queue.</summary>
    public static readonly string[] Workers = [MonitorServices.Extraction, MonitorServices.Sentiment];

    public static TheoryData<string> Services() => new(Repository.ServiceProjects().Select(ComposeFile.ServiceNameOf));

    private static bool IsSecret(string variable) => variable.Contains("PASSWORD", StringComparison.Ordinal);

    [Fact]
    public void Should_take_every_password_from_env_with_no_default()
    {
        var secrets = compose.Substitutions().Where(s => IsSecret(s.Name)).ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, s =>
        {
            Assert.False(s.HasDefault, $"${{{s.Name}}} has a default password");
            Assert.True(s.IsRequired, $"${{{s.Name}}} is not required (write ${{{s.Name}:?message}})");
        });
    }

    [Fact]
    public void Should_write_no_password_into_the_file()
    {
        foreach (Match password in PasswordValue().Matches(compose.Text))
            Assert.StartsWith("${", password.Groups["value"].Value);
        foreach (Match credentials in AmqpCredentials().Matches(compose.Text))
            Assert.StartsWith("${", credentials.Groups["password"].Value);
        Assert.DoesNotContain("RABBITMQ_DEFAULT_PASS", compose.Text);
    }

    [Fact]
    public void Should_leave_every_password_empty_in_env_example()
    {
        var passwords = Repository.Read(".env.example").Split('\n')
            .Select(l => l.Trim()).Where(l => !l.StartsWith('#') && l.Contains('='))
            .Select(l => l.Split('=', 2)).Where(p => IsSecret(p[0])).ToList();

        Assert.NotEmpty(passwords);
        Assert.All(passwords, p => Assert.True(p[1].Length == 0, $"{p[0]} has a value in .env.example"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_connect_each_service_as_its_own_least_privilege_broker_user(string service)
    {
        var uri = new Uri(Regex.Replace(ComposeFile.Environment(compose.Service(service))[MonitorSettings.RabbitMqVariable], @"\$\{[^}]*\}", "secret"));
        var user = uri.UserInfo.Split(':')[0];
        var permissions = definitions.Permissions(user);

        Assert.Equal(service, user);
        Assert.Equal("/" + BrokerDefinitions.VirtualHost, uri.AbsolutePath);
        Assert.Contains(user, definitions.Users);
        Assert.NotNull(permissions);
        Assert.Empty(definitions.User(user).GetProperty("tags").EnumerateArray());
        // nothing beyond its own names: no service may touch every queue and exchange
        foreach (var regex in new[] { permissions.Value.Configure, permissions.Value.Write, permissions.Value.Read })
            Assert.DoesNotMatch(new Regex(regex), "another-service-queue");
    }

    [Fact]
    public void Should_give_the_broker_every_users_password_and_no_more()
    {
        var broker = ComposeFile.Environment(compose.Service("rabbitmq"));
        var expected = definitions.Users.Select(BrokerDefinitions.PasswordVariable).Order().ToList();

        Assert.Equal(expected, broker.Keys.Where(IsSecret).Order().ToList());
        Assert.Contains(definitions.Users, u => definitions.User(u).GetProperty("tags").EnumerateArray().Any(t => t.GetString() == "administrator"));
        Assert.All(definitions.Users, u => Assert.Equal("", definitions.User(u).GetProperty("password_hash").GetString()));
    }

    [Fact]
    public void Should_mount_the_broker_definitions_and_the_postgres_roles_script()
    {
        var brokerMounts = compose.Service("rabbitmq").Strings("volumes");
        var postgresMounts = compose.Service("postgres").Strings("volumes");

        foreach (var file in new[] { "entrypoint.sh", "render-definitions.sh", "definitions.json", "rabbitmq.conf" })
        {
            Assert.Contains(brokerMounts, m => m.StartsWith($"./deploy/rabbitmq/{file}:", StringComparison.Ordinal) && m.EndsWith(":ro", StringComparison.Ordinal));
            Assert.True(File.Exists(Repository.PathOf($"deploy/rabbitmq/{file}")), file);
        }
        Assert.Contains("load_definitions = /tmp/monitor-definitions.json", Repository.Read("deploy/rabbitmq/rabbitmq.conf"));
        Assert.Contains("./deploy/postgres/init:/docker-entrypoint-initdb.d:ro", postgresMounts);
        Assert.NotEmpty(Directory.GetFiles(Repository.PathOf("deploy/postgres/init"), "*.sh"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_let_only_the_relay_own_and_migrate_the_event_store(string service)
    {
        var environment = ComposeFile.Environment(compose.Service(service));
        var role = Regex.Match(environment[MonitorSettings.PostgresVariable], "Username=([^;]+);").Groups[1].Value;
        var migrates = environment[MonitorSettings.MigrateVariable] == "true";

        Assert.Equal(service == MonitorServices.Relay, migrates);
        Assert.Equal(service == MonitorServices.Relay, role == "monitor_migrator");
        Assert.StartsWith("monitor_", role);
        if (!migrates)
            Assert.Equal("service_healthy", compose.Service(service).Mapping("depends_on").Mapping(MonitorServices.Relay).Scalar("condition"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_limit_the_cpu_and_memory_of_every_service(string service)
    {
        var container = compose.Service(service);

        Assert.Matches(@"^\d+(\.\d+)?$", container.Scalar("cpus"));
        Assert.Matches(@"^\d+[mg]$", container.Scalar("mem_limit"));
        Assert.Equal("unless-stopped", container.Scalar("restart"));
    }

    [Fact]
    public void Should_limit_and_restart_the_infrastructure_too()
    {
        foreach (var name in new[] { "postgres", "rabbitmq" })
        {
            Assert.NotNull(compose.Service(name).Scalar("cpus"));
            Assert.NotNull(compose.Service(name).Scalar("mem_limit"));
            Assert.Equal("unless-stopped", compose.Service(name).Scalar("restart"));
        }
    }

    [Fact]
    public void Should_let_the_workers_scale_with_no_fixed_name_or_host_port()
    {
        Assert.All(compose.Services.Keys, name => Assert.Null(compose.Service(name)["container_name"]));
        foreach (var worker in Workers)
        {
            Assert.Empty(compose.Service(worker).Strings("ports"));
            Assert.Null(compose.Service(worker)["hostname"]);
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_hand_every_service_the_trace_export_settings(string service)
    {
        var environment = ComposeFile.Environment(compose.Service(service));

        foreach (var variable in new[] { MonitorSettings.OtlpEndpointVariable, MonitorSettings.OtlpProtocolVariable, MonitorSettings.OtlpSampleRatioVariable })
            Assert.True(environment.ContainsKey(variable), $"{service} does not set {variable}");
    }

    [GeneratedRegex(@"Password=(?<value>[^;""]*)")]
    private static partial Regex PasswordValue();

    [GeneratedRegex(@"amqps?://[^:/@""]+:(?<password>[^@""]*)@")]
    private static partial Regex AmqpCredentials();
}
