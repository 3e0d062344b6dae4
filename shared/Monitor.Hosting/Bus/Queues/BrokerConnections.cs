using Monitor.Hosting.Configuration;
using RabbitMQ.Client;

namespace Monitor.Hosting.Bus.Queues;

/// <summary>
/// Connections the hot path opens with RabbitMQ.Client directly (the relay's publisher, the workers'
/// queue consumers). RabbitMQ.Client's own recovery is off: whoever holds a connection notices its loss
/// and connects anew, so there is one way back, not two racing.
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
