using System.Net;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Tests.Support;
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
    private readonly ChannelDeliverers _deliverers = new();

    public async Task InitializeAsync() => _receiver = await LocalReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _deliverers.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private ChannelDeliverer Deliverer(string allowed = "127.0.0.1", Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) =>
        _deliverers.Create(Fast, TimeProvider.System, allowed, resolve);

    private AlertChannel Webhook(string? target = null) => new("hook", AlertChannelKinds.Webhook, target ?? _receiver.Url + "/alerts", "s3cret");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task Should_post_the_alert_signed_with_its_delivery_id_so_the_receiver_can_verify_and_dedupe_it()
    {
        var outcome = await Deliverer().AttemptAsync(Alerts.Sample(), Webhook(), Timeout());

        Assert.True(outcome.Delivered);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("/alerts", request.Path);
        Assert.True(WebhookSignature.Verify("s3cret", request.Headers["X-Monitor-Timestamp"], request.Body,
            request.Headers["X-Monitor-Signature"], DateTimeOffset.UtcNow));
        var alert = JsonSerializer.Deserialize<AlertRaised>(request.Body, ChannelFormats.Json)!;
        Assert.Equal(Alerts.Sample().AlertId, alert.AlertId);
        Assert.Equal(3, alert.Baseline);
        Assert.Equal("https://weibo.com/1/abc", alert.TopMentions[0].Url);
        var deliveryId = DeliveryIds.For(Alerts.Sample().AlertId, "hook");
        Assert.Equal(deliveryId.ToString(), request.Headers["X-Monitor-Delivery-Id"]);
        Assert.Equal(deliveryId, JsonDocument.Parse(request.Body).RootElement.GetProperty("deliveryId").GetGuid());
    }

    [Fact]
    public async Task Should_give_each_channel_its_own_delivery_id_and_the_same_one_on_every_attempt()
    {
        _receiver.Answer(HttpStatusCode.ServiceUnavailable);
        var deliverer = Deliverer();

        await deliverer.AttemptAsync(Alerts.Sample(), Webhook(), Timeout());
        await deliverer.AttemptAsync(Alerts.Sample(), Webhook(), Timeout());
        await deliverer.AttemptAsync(Alerts.Sample(), Webhook() with { ChannelId = "other" }, Timeout());

        var ids = _receiver.Requests.Select(r => r.Headers["X-Monitor-Delivery-Id"]).ToArray();
        Assert.Equal(3, ids.Length);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task Should_make_one_request_per_attempt_and_call_a_server_error_worth_retrying()
    {
        _receiver.Answer(HttpStatusCode.InternalServerError);

        var outcome = await Deliverer().AttemptAsync(Alerts.Sample(), Webhook(), Timeout());

        Assert.False(outcome.Delivered);
        Assert.True(outcome.Retryable);
        Assert.Equal($"HTTP 500 from {_receiver.Url}/alerts", outcome.Reason);
        Assert.Single(_receiver.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task Should_call_timeouts_throttling_and_gateway_errors_worth_retrying(HttpStatusCode status)
    {
        _receiver.Answer(status);

        var outcome = await Deliverer().AttemptAsync(Alerts.Sample(), Webhook(), Timeout());

        Assert.True(outcome.Retryable);
        Assert.StartsWith($"HTTP {(int)status}", outcome.Reason);
    }

    [Fact]
    public async Task Should_call_a_dead_receiver_worth_retrying()
    {
        var outcome = await Deliverer().AttemptAsync(Alerts.Sample(), Webhook("http://127.0.0.1:9/alerts"), Timeout());

        Assert.False(outcome.Delivered);
        Assert.True(outcome.Retryable);
    }

    [Fact]
    public async Task Should_retry_a_quiet_spells_release_within_the_call_until_delivered()
    {
        _receiver.Answer(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        var release = new HeldAlerts(Guid.NewGuid(), Alerts.Sample().SubscriptionId, "SU7 launch", Alerts.Now, null, [Alerts.Sample()]);

        var outcome = await Deliverer().DeliverAsync(release, Webhook(), Timeout());

        Assert.True(outcome.Delivered);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal(3, _receiver.Requests.Count);
    }

    [Fact]
    public async Task Should_open_the_circuit_after_repeated_failures()
    {
        _receiver.Answer(Enumerable.Repeat(HttpStatusCode.InternalServerError, 10).ToArray());
        var deliverer = Deliverer();

        for (var i = 0; i < Fast.BreakerMinimumThroughput; i++)
            await deliverer.AttemptAsync(Alerts.Sample(), Webhook(), Timeout());
        var whileOpen = await deliverer.AttemptAsync(Alerts.Sample(), Webhook(), Timeout());

        Assert.Equal("circuit open for 127.0.0.1 after repeated failures", whileOpen.Reason);
        Assert.True(whileOpen.Retryable);
        Assert.Equal(Fast.BreakerMinimumThroughput, _receiver.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Gone)]
    public async Task Should_not_retry_a_client_error(HttpStatusCode status)
    {
        _receiver.Answer(status);

        var failed = await Deliverer().AttemptAsync(Alerts.Sample(), Webhook(), Timeout());

        Assert.False(failed.Retryable);
        Assert.StartsWith($"HTTP {(int)status}", failed.Reason);
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task Should_not_retry_a_target_that_cannot_be_used()
    {
        var failed = await Deliverer().AttemptAsync(Alerts.Sample(), Webhook("not a url"), Timeout());

        Assert.False(failed.Retryable);
        Assert.StartsWith("channel target 'not a url' cannot be used", failed.Reason);
    }

    [Fact]
    public async Task Should_refuse_loopback_unless_allowed()
    {
        var failed = await Deliverer(allowed: "").AttemptAsync(Alerts.Sample(), Webhook(), Timeout());

        Assert.Contains("127.0.0.1 is a loopback address", failed.Reason);
        Assert.False(failed.Retryable);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task Should_check_the_address_a_name_resolves_to_when_connecting()
    {
        var port = new Uri(_receiver.Url).Port;
        Task<IPAddress[]> Resolve(string host, CancellationToken _) =>
            Task.FromResult(host == "metadata.test" ? [IPAddress.Parse("169.254.169.254")] : new[] { IPAddress.Loopback });

        var refused = await Deliverer(resolve: Resolve).AttemptAsync(Alerts.Sample(), Webhook($"http://metadata.test:{port}/alerts"), Timeout());
        var delivered = await Deliverer(resolve: Resolve).AttemptAsync(Alerts.Sample(), Webhook($"http://receiver.test:{port}/alerts"), Timeout());

        Assert.Contains("169.254.169.254 is the cloud metadata address", refused.Reason);
        Assert.True(delivered.Delivered);
        Assert.Equal("receiver.test:" + port, Assert.Single(_receiver.Requests).Headers["Host"]);
    }
}
