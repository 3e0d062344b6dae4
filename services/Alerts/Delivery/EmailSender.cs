using System.Net;
using System.Net.Mail;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Delivery;

/// <summary>Sends an alert as a plain-text e-mail to the channel's address through the configured SMTP server.</summary>
public sealed class EmailSender(SmtpSettings settings)
{
    public async Task SendAsync(AlertRaised alert, string recipient, CancellationToken ct)
    {
        using var message = new MailMessage(settings.From, recipient, AlertText.Title(alert), AlertText.Body(alert, AlertText.Plain))
        {
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
        };
        message.Headers.Add("X-Monitor-Alert-Id", alert.AlertId.ToString());
        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.StartTls, Timeout = 10_000 };
        if (settings.Username is not null) client.Credentials = new NetworkCredential(settings.Username, settings.Password);
        await client.SendMailAsync(message, ct);
    }
}
