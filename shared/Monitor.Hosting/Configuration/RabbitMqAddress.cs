namespace Monitor.Hosting.Configuration;

/// <summary>The broker as MONITOR_RABBITMQ gives it: amqp://user:password@host:port/vhost.</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    public static RabbitMqAddress Parse(string value, string variable)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw new InvalidSettingException(variable, value, "must be an absolute amqp:// or amqps:// URI, e.g. amqp://user:password@127.0.0.1:5672/vhost");

        var userInfo = uri.UserInfo.Split(':', 2);
        var username = Uri.UnescapeDataString(userInfo[0]);
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "";
        if (username.Length == 0) (username, password) = ("guest", "guest");

        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var tls = uri.Scheme == "amqps";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port;
        return new RabbitMqAddress(uri.Host, (ushort)port, path.Length == 0 ? "/" : path, username, password, tls);
    }

    /// <summary>For logs: the address without the password.</summary>
    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Username}@{Host}:{Port}/{(VirtualHost == "/" ? "" : VirtualHost)}";
}
