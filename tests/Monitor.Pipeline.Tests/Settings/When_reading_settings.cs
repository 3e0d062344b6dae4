using Microsoft.Extensions.Configuration;
using Monitor.Hosting.Configuration;

namespace Monitor.Pipeline.Tests.Settings;

public class When_reading_settings
{
    private static MonitorSettings Read(string service, params (string Name, string Value)[] values) =>
        MonitorSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value)))
            .Build(), service);

    [Fact]
    public void Should_use_loopback_defaults_when_nothing_is_set()
    {
        var settings = Read(MonitorServices.Sentiment);

        Assert.Equal("http://127.0.0.1:5103", settings.Urls);
        Assert.Equal("monitor", settings.EventStoreSchema);
        Assert.True(settings.JsonLogs);
        Assert.Equal(("127.0.0.1", (ushort)5672, "/"), (settings.RabbitMq.Host, settings.RabbitMq.Port, settings.RabbitMq.VirtualHost));
        Assert.Equal(4194304, settings.IngestionMaxBodyBytes);
    }

    [Fact]
    public void Should_listen_on_the_alerts_port_when_no_urls_are_set()
    {
        var settings = Read(MonitorServices.Alerts);

        Assert.Equal("http://127.0.0.1:5105", settings.Urls);
    }

    [Fact]
    public void Should_read_credentials_and_vhost_from_the_broker_uri()
    {
        var settings = Read(MonitorServices.Relay, ("MONITOR_RABBITMQ", "amqp://u%40x:p%3Aw@broker:5673/my%2Fvhost"));

        Assert.Equal(new RabbitMqAddress("broker", 5673, "my/vhost", "u@x", "p:w", false), settings.RabbitMq);
        Assert.DoesNotContain("p:w", settings.RabbitMq.ToString());
    }

    [Theory]
    [InlineData("MONITOR_EVENTSTORE_SCHEMA", "Bad-Schema")]
    [InlineData("MONITOR_RABBITMQ", "http://127.0.0.1:15672")]
    [InlineData("MONITOR_LOG_FORMAT", "xml")]
    [InlineData("MONITOR_INGESTION_MAX_BODY_BYTES", "4MB")]
    public void Should_name_the_variable_and_value_when_a_value_is_unusable(string variable, string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read(MonitorServices.Ingestion, (variable, value)));

        Assert.Equal(variable, error.Variable);
        Assert.Contains($"{variable}='{value}'", error.Message);
    }

    [Fact]
    public void Should_list_every_variable_it_reads_with_the_services_that_read_it()
    {
        var names = MonitorSettings.Variables.Select(v => v.Name).ToArray();

        Assert.Equal(
            ["MONITOR_POSTGRES", "MONITOR_RABBITMQ", "MONITOR_EVENTSTORE_SCHEMA", "ASPNETCORE_URLS", "MONITOR_LOG_FORMAT",
             "MONITOR_OTLP_ENDPOINT", "MONITOR_OTLP_PROTOCOL", "MONITOR_OTLP_SAMPLE_RATIO", "MONITOR_EVENTSTORE_MIGRATE",
             "MONITOR_SENTIMENT_MODEL", "MONITOR_SUBJECT", "MONITOR_INGESTION_MAX_BODY_BYTES",
             "MONITOR_ADMIN_KEY", "MONITOR_ALERTS_ALLOWED_ADDRESSES", "MONITOR_ALERTS_SMTP", "MONITOR_ALERTS_RETRY_SCHEDULE"],
            names);
        Assert.Equal([MonitorServices.Sentiment], MonitorSettings.Variables.Single(v => v.Name == "MONITOR_SENTIMENT_MODEL").Services);
        Assert.All(MonitorSettings.Variables.Where(v => v.Name.StartsWith("MONITOR_ALERTS_")), v => Assert.Equal([MonitorServices.Alerts], v.Services));
        Assert.All(MonitorSettings.Variables, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
    }

    [Fact]
    public void Should_take_each_listed_variable_from_configuration()
    {
        var settings = Read(MonitorServices.Ingestion,
            ("MONITOR_POSTGRES", "Host=db;Username=u;Password=p;Database=d"),
            ("MONITOR_EVENTSTORE_SCHEMA", "monitor_b"),
            ("ASPNETCORE_URLS", "http://0.0.0.0:8080"),
            ("MONITOR_LOG_FORMAT", "TEXT"),
            ("MONITOR_SENTIMENT_MODEL", "/models/m.bin"),
            ("MONITOR_SUBJECT", "/subjects/s.json"),
            ("MONITOR_INGESTION_MAX_BODY_BYTES", "1024"));

        Assert.Equal("Host=db;Username=u;Password=p;Database=d", settings.Postgres);
        Assert.Equal("monitor_b", settings.EventStoreSchema);
        Assert.Equal("http://0.0.0.0:8080", settings.Urls);
        Assert.False(settings.JsonLogs);
        Assert.Equal("/models/m.bin", settings.SentimentModelPath);
        Assert.Equal("/subjects/s.json", settings.SubjectPath);
        Assert.Equal(1024, settings.IngestionMaxBodyBytes);
    }
}
