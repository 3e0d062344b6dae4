using System.Net;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Delivery;

public sealed class When_delivering_to_a_webhook : IAsyncLifetime
{
    private static readonly DeliveryOptions Fast = new()
    {
        MaxRetries = 3,
        FirstRetryDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        BreakerMinimumThroughput = 4,
        BreakDuration = TimeSpan.FromSeconds(30),
    };

    private LocalReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await LocalReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static ChannelDeliverer Deliverer(string allowed = "127.0.0.1", Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        var http = new HttpClient(SsrfGuard.FromSetting(allowed).CreateHandler(resolve)) { Timeout = TimeSpan.FromSeconds(20) };
        return new ChannelDeliverer(http, Fast, TimeProvider.System);
    }

    private AlertChannel Webhook(string? target = null) => new("hook", AlertChannelKinds.Webhook, target ?? _receiver.Url + "/alerts", "s3cret");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task Should_post_the_alert_signed_so_the_receiver_can_verify_it()
    {
        var outcome = await Deliverer().DeliverAsync(Alerts.Sample(), Webhook(), Timeout());

        var delivered = Assert.IsType<AlertDelivered>(outcome);
        Assert.Equal(1, delivered.Attempts);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("/alerts", request.Path);
        Assert.True(WebhookSignature.Verify("s3cret", request.Headers["X-Monitor-Timestamp"], request.Body,
            request.Headers["X-Monitor-Signature"], DateTimeOffset.UtcNow));
        var alert = JsonSerializer.Deserialize<AlertRaised>(request.Body, ChannelFormats.Json)!;
        Assert.Equal(Alerts.Sample().AlertId, alert.AlertId);
        Assert.Equal(3, alert.Baseline);
        Assert.Equal("https://weibo.com/1/abc", alert.TopMentions[0].Url);
    }

    [Fact]
    public async Task Should_retry_server_errors_until_delivered()
    {
        _receiver.Answer(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);

        var outcome = await Deliverer().DeliverAsync(Alerts.Sample(), Webhook(), Timeout());

        Assert.Equal(3, Assert.IsType<AlertDelivered>(outcome).Attempts);
        Assert.Equal(3, _receiver.Requests.Count);
    }

    [Fact]
    public async Task Should_report_a_failure_after_the_last_retry_and_then_open_the_circuit()
    {
        _receiver.Answer(Enumerable.Repeat(HttpStatusCode.InternalServerError, 10).ToArray());
        var deliverer = Deliverer();

        var first = Assert.IsType<AlertDeliveryFailed>(await deliverer.DeliverAsync(Alerts.Sample(), Webhook(), Timeout()));
        var second = Assert.IsType<AlertDeliveryFailed>(await deliverer.DeliverAsync(Alerts.Sample(), Webhook(), Timeout()));

        Assert.Equal(4, first.Attempts);
        Assert.Equal($"HTTP 500 from {_receiver.Url}/alerts", first.Reason);
        Assert.Equal("circuit open for 127.0.0.1 after repeated failures", second.Reason);
        Assert.Equal(4, _receiver.Requests.Count);
    }

    [Fact]
    public async Task Should_not_retry_a_client_error()
    {
        _receiver.Answer(HttpStatusCode.Forbidden);

        var failed = Assert.IsType<AlertDeliveryFailed>(await Deliverer().DeliverAsync(Alerts.Sample(), Webhook(), Timeout()));

        Assert.Equal(1, failed.Attempts);
        Assert.StartsWith("HTTP 403", failed.Reason);
    }

    [Fact]
    public async Task Should_refuse_loopback_unless_allowed()
    {
        var failed = Assert.IsType<AlertDeliveryFailed>(await Deliverer(allowed: "").DeliverAsync(Alerts.Sample(), Webhook(), Timeout()));

        Assert.Contains("127.0.0.1 is a loopback address", failed.Reason);
        Assert.Equal(1, failed.Attempts);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task Should_check_the_address_a_name_resolves_to_when_connecting()
    {
        var port = new Uri(_receiver.Url).Port;
        Task<IPAddress[]> Resolve(string host, CancellationToken _) =>
            Task.FromResult(host == "metadata.test" ? [IPAddress.Parse("169.254.169.254")] : new[] { IPAddress.Loopback });

        var refused = await Deliverer(resolve: Resolve).DeliverAsync(Alerts.Sample(), Webhook($"http://metadata.test:{port}/alerts"), Timeout());
        var delivered = await Deliverer(resolve: Resolve).DeliverAsync(Alerts.Sample(), Webhook($"http://receiver.test:{port}/alerts"), Timeout());

        Assert.Contains("169.254.169.254 is the cloud metadata address", Assert.IsType<AlertDeliveryFailed>(refused).Reason);
        Assert.IsType<AlertDelivered>(delivered);
        Assert.Equal("receiver.test:" + port, Assert.Single(_receiver.Requests).Headers["Host"]);
    }
}
