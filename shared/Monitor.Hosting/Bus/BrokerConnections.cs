using Monitor.Hosting.Configuration;
using RabbitMQ.Client;

namespace Monitor.Hosting.Bus;

/// <summary>
/// RabbitMQ.Client connections for what MassTransit has no API for: reading queue depths (the queue-lag
/// sampler) and moving messages out of an error queue (`monitor errors replay`). Consuming and publishing go
/// through MassTransit. The client's own recovery is off: each caller connects anew when it needs to.
/// </summary>
public static class BrokerConnections
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static Task<IConnection> ConnectAsync(RabbitMqAddress address, string connectionName, CancellationToken ct) =>
        new ConnectionFactory
        {
            HostName = address.Host,
            Port = address.Port,
            VirtualHost = address.VirtualHost,
            UserName = address.Username,
            Password = address.Password,
            ClientProvidedName = connectionName,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = ConnectTimeout,
            Ssl = new SslOption { Enabled = address.UseTls, ServerName = address.Host },
        }.CreateConnectionAsync(ct);
}
