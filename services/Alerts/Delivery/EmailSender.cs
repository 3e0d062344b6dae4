using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Monitor.Alerts.Delivery;

/// <summary>Sends an alert or a digest as a plain-text e-mail to the channel's address through the configured SMTP server (MailKit).</summary>
public sealed class EmailSender(SmtpSettings settings)
{
    /// <summary>How long one SMTP command may take before the attempt fails.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    public async Task SendAsync(ChannelMessage content, string channelId, string recipient, CancellationToken ct)
    {
        var message = new MimeMessage
        {
            Subject = content.Title,
            Body = new TextPart("plain") { Text = content.Body(AlertText.Plain) },
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Headers.Add(content.Event switch
        {
            "digest" => "X-Monitor-Digest-Id",
            "held-alerts" => "X-Monitor-Release-Id",
            _ => "X-Monitor-Alert-Id",
        }, content.Id.ToString());
        message.Headers.Add(DeliveryIds.Header, DeliveryIds.For(content.Id, channelId).ToString());

        using var client = new SmtpClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (settings.Username is not null) await client.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>A failure of the server or the way to it (refused, dropped, timed out, rejected credentials): another attempt may pass.</summary>
    public static bool IsPassing(Exception e) =>
        e is CommandException or ProtocolException or ServiceNotConnectedException or AuthenticationException or SslHandshakeException
            or IOException or SocketException or TimeoutException;
}
