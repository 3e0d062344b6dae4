using System.Net;
using System.Net.Mail;

namespace Monitor.Alerts.Delivery;

/// <summary>Sends an alert or a digest as a plain-text e-mail to the channel's address through the configured SMTP server.</summary>
public sealed class EmailSender(SmtpSettings settings)
{
    public async Task SendAsync(ChannelMessage content, string channelId, string recipient, CancellationToken ct)
    {
        using var message = new MailMessage(settings.From, recipient, content.Title, content.Body(AlertText.Plain))
        {
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
        };
        message.Headers.Add(content.Event switch
        {
            "digest" => "X-Monitor-Digest-Id",
            "held-alerts" => "X-Monitor-Release-Id",
            _ => "X-Monitor-Alert-Id",
        }, content.Id.ToString());
        message.Headers.Add(DeliveryIds.Header, DeliveryIds.For(content.Id, channelId).ToString());
        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.StartTls, Timeout = 10_000 };
        if (settings.Username is not null) client.Credentials = new NetworkCredential(settings.Username, settings.Password);
        await client.SendMailAsync(message, ct);
    }
}
