using Monitor.Alerts.Delivery;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Delivery;

public class When_delivering_by_email
{
    private static readonly DeliveryOptions Fast = new() { MaxRetries = 3, FirstRetryDelay = TimeSpan.FromMilliseconds(5), AttemptTimeout = TimeSpan.FromSeconds(10) };
    private static readonly AlertChannel Inbox = new("mail", AlertChannelKinds.Email, "pr-team@example.com");

    private static ChannelDeliverer Deliverer(int port) => new(new HttpClient(), Fast, TimeProvider.System,
        new EmailSender(SmtpSettings.Parse($"smtp://127.0.0.1:{port}?from=alerts@monitor.test")!));

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task Should_send_the_alert_with_its_numbers_and_links()
    {
        await using var smtp = new LocalSmtpServer();

        var outcome = await Deliverer(smtp.Port).DeliverAsync(Alerts.Sample(), Inbox, Timeout());

        Assert.Equal(1, Assert.IsType<AlertDelivered>(outcome).Attempts);
        var message = Assert.Single(smtp.Messages);
        Assert.Contains("pr-team@example.com", message.To);
        Assert.Contains("alerts@monitor.test", message.From);
        Assert.Contains($"X-Monitor-Alert-Id: {Alerts.Sample().AlertId}", message.Data);
    }

    [Fact]
    public async Task Should_retry_a_temporary_refusal()
    {
        await using var smtp = new LocalSmtpServer(refuseFirst: 2);

        var outcome = await Deliverer(smtp.Port).DeliverAsync(Alerts.Sample(), Inbox, Timeout());

        Assert.Equal(3, Assert.IsType<AlertDelivered>(outcome).Attempts);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task Should_fail_clearly_without_an_smtp_server()
    {
        var deliverer = new ChannelDeliverer(new HttpClient(), Fast, TimeProvider.System);

        var failed = Assert.IsType<AlertDeliveryFailed>(await deliverer.DeliverAsync(Alerts.Sample(), Inbox, Timeout()));

        Assert.Equal("no SMTP server is configured (MONITOR_ALERTS_SMTP)", failed.Reason);
    }

    [Fact]
    public void Should_explain_a_malformed_smtp_setting()
    {
        Assert.Equal("needs ?from=<sender address>", Assert.Throws<FormatException>(() => SmtpSettings.Parse("smtp://mail.example.com:587")).Message);
        Assert.Equal(587, SmtpSettings.Parse("smtp://u:p%40ss@mail.example.com:587?from=a@b.c&tls=true")!.Port);
        Assert.Equal("p@ss", SmtpSettings.Parse("smtp://u:p%40ss@mail.example.com:587?from=a@b.c&tls=true")!.Password);
    }
}
