using Microsoft.Extensions.Configuration;
using Monitor.Hosting.Configuration;

namespace Monitor.Hosting.Tests.Configuration;

public sealed class When_reading_observability_settings
{
    private static MonitorSettings Read(params (string Key, string Value)[] values) =>
        MonitorSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value))
            .Build(), "relay");

    [Fact]
    public void Should_export_nothing_sample_everything_and_migrate_when_unset()
    {
        var settings = Read();

        Assert.Null(settings.OtlpEndpoint);
        Assert.Equal(MonitorSettings.OtlpHttp, settings.OtlpProtocol);
        Assert.Equal(1, settings.OtlpSampleRatio);
        Assert.True(settings.MigrateSchema);
    }

    [Fact]
    public void Should_read_the_endpoint_protocol_ratio_and_migration_choice()
    {
        var settings = Read(
            (MonitorSettings.OtlpEndpointVariable, "http://otel-collector:4317"),
            (MonitorSettings.OtlpProtocolVariable, "GRPC"),
            (MonitorSettings.OtlpSampleRatioVariable, "0.25"),
            (MonitorSettings.MigrateVariable, "false"));

        Assert.Equal(new Uri("http://otel-collector:4317"), settings.OtlpEndpoint);
        Assert.Equal(MonitorSettings.OtlpGrpc, settings.OtlpProtocol);
        Assert.Equal(0.25, settings.OtlpSampleRatio);
        Assert.False(settings.MigrateSchema);
    }

    [Theory]
    [InlineData(MonitorSettings.OtlpEndpointVariable, "otel-collector:4318", "absolute http:// or https:// URL")]
    [InlineData(MonitorSettings.OtlpEndpointVariable, "ftp://collector", "absolute http:// or https:// URL")]
    [InlineData(MonitorSettings.OtlpProtocolVariable, "http/json", "'http/protobuf' or 'grpc'")]
    [InlineData(MonitorSettings.OtlpSampleRatioVariable, "1.5", "from 0 to 1")]
    [InlineData(MonitorSettings.OtlpSampleRatioVariable, "ten percent", "from 0 to 1")]
    [InlineData(MonitorSettings.MigrateVariable, "yes", "'true' or 'false'")]
    public void Should_name_the_variable_and_the_problem_of_a_bad_value(string variable, string value, string problem)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read((variable, value)));

        Assert.Equal(variable, error.Variable);
        Assert.Contains(value.ToLowerInvariant(), error.Message.ToLowerInvariant());
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Should_list_the_new_variables_for_every_service()
    {
        foreach (var name in new[] { MonitorSettings.OtlpEndpointVariable, MonitorSettings.OtlpProtocolVariable, MonitorSettings.OtlpSampleRatioVariable, MonitorSettings.MigrateVariable })
            Assert.Equal(MonitorServices.All, MonitorSettings.Variables.Single(v => v.Name == name).Services);
    }
}
