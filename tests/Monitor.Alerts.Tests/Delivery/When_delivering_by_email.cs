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

        var outcome = await Deliverer(smtp.Port).AttemptAsync(Alerts.Sample(), Inbox, Timeout());

        Assert.True(outcome.Delivered);
        var message = Assert.Single(smtp.Messages);
        Assert.Contains("pr-team@example.com", message.To);
        Assert.Contains("alerts@monitor.test", message.From);
        Assert.Contains($"X-Monitor-Alert-Id: {Alerts.Sample().AlertId}", message.Data);
        Assert.Contains($"X-Monitor-Delivery-Id: {DeliveryIds.For(Alerts.Sample().AlertId, "mail")}", message.Data);
    }

    [Fact]
    public async Task Should_send_a_message_a_mail_reader_parses_back_to_the_alerts_title_and_text()
    {
        await using var smtp = new LocalSmtpServer();
        var alert = Alerts.Sample() with { SubscriptionName = "小米 SU7 — 舆情" };

        var outcome = await Deliverer(smtp.Port).AttemptAsync(alert, Inbox, Timeout());

        Assert.True(outcome.Delivered);
        using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(smtp.Messages).Data));
        var parsed = await MimeKit.MimeMessage.LoadAsync(data);
        Assert.Equal(AlertText.Title(alert), parsed.Subject);
        Assert.Contains("小米 SU7 — 舆情", parsed.Subject);
        Assert.Equal("pr-team@example.com", Assert.Single(parsed.To.Mailboxes).Address);
        Assert.Equal(ChannelMessage.For(alert).Body(AlertText.Plain).ReplaceLineEndings(), parsed.TextBody.TrimEnd().ReplaceLineEndings());
    }

    [Fact]
    public async Task Should_call_a_server_that_cannot_be_reached_worth_retrying()
    {
        int port;
        await using (var closed = new LocalSmtpServer()) port = closed.Port;

        var outcome = await Deliverer(port).AttemptAsync(Alerts.Sample(), Inbox, Timeout());

        Assert.False(outcome.Delivered);
        Assert.True(outcome.Retryable);
        Assert.StartsWith("e-mail to pr-team@example.com: ", outcome.Reason);
    }

    [Fact]
    public async Task Should_call_a_temporary_refusal_of_an_alert_worth_retrying_and_retry_a_release_within_the_call()
    {
        await using var smtp = new LocalSmtpServer(refuseFirst: 2);
        var release = new HeldAlerts(Guid.NewGuid(), Alerts.Sample().SubscriptionId, "SU7 launch", Alerts.Now, null, [Alerts.Sample()]);

        var alert = await Deliverer(smtp.Port).AttemptAsync(Alerts.Sample(), Inbox, Timeout());
        var released = await Deliverer(smtp.Port).DeliverAsync(release, Inbox, Timeout());

        Assert.True(alert.Retryable);
        Assert.Equal(2, released.Attempts);
        Assert.True(released.Delivered);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task Should_fail_clearly_without_an_smtp_server()
    {
        var deliverer = new ChannelDeliverer(new HttpClient(), Fast, TimeProvider.System);

        var failed = await deliverer.AttemptAsync(Alerts.Sample(), Inbox, Timeout());

        Assert.False(failed.Retryable);
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
