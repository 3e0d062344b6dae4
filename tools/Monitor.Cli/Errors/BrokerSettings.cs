using Monitor.Cli.Pipeline;
using Monitor.Hosting.Configuration;

namespace Monitor.Cli.Errors;

/// <summary>
/// Where the broker is: MONITOR_RABBITMQ (AMQP, its path names the vhost) for moving messages, and
/// MONITOR_RABBITMQ_MANAGEMENT (http://user:password@host:15672) for listing queues and peeking.
/// </summary>
public sealed record BrokerSettings(RabbitMqAddress Amqp, Uri Management)
{
    public const string DefaultAmqp = "amqp://monitor:monitor@127.0.0.1:5672/";
    public const string DefaultManagement = "http://monitor:monitor@127.0.0.1:15672/";

    public string VirtualHost => Amqp.VirtualHost;

    public static BrokerSettings FromEnvironment() => Create(
        Environment.GetEnvironmentVariable("MONITOR_RABBITMQ") is { Length: > 0 } amqp ? amqp : DefaultAmqp,
        Environment.GetEnvironmentVariable("MONITOR_RABBITMQ_MANAGEMENT") is { Length: > 0 } management ? management : DefaultManagement);

    public static BrokerSettings Create(string amqp, string management)
    {
        RabbitMqAddress address;
        try
        {
            address = RabbitMqAddress.Parse(amqp, "MONITOR_RABBITMQ");
        }
        catch (InvalidSettingException e)
        {
            throw new PipelineCommandException(ExitCodes.Usage, e.Message);
        }
        if (!Uri.TryCreate(management, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new PipelineCommandException(ExitCodes.Usage,
                $"MONITOR_RABBITMQ_MANAGEMENT '{management}' is not an absolute http(s) URL such as {DefaultManagement}");
        return new BrokerSettings(address, uri);
    }
}
