using System.Net;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Delivery;

/// <summary>The circuit breaker per destination, on a clock the test moves: it opens, half-opens after the break, and closes or opens again.</summary>
public sealed class When_a_channel_keeps_failing : IAsyncLifetime
{
    private static readonly DeliveryOptions NoRetries = new()
    {
        MaxRetries = 0,
        AttemptTimeout = TimeSpan.FromSeconds(30),
        BreakerMinimumThroughput = 2,
        BreakerFailureRatio = 0.5,
        BreakerSamplingDuration = TimeSpan.FromSeconds(60),
        BreakDuration = TimeSpan.FromSeconds(30),
    };

    private LocalReceiver _receiver = null!;
    private readonly ChannelDeliverers _deliverers = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => _receiver = await LocalReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _deliverers.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private ChannelDeliverer Deliverer() => _deliverers.Create(NoRetries, _clock);

    private AlertChannel Webhook => new("hook", AlertChannelKinds.Webhook, _receiver.Url + "/alerts");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task Should_open_then_let_one_trial_through_after_the_break_and_close_when_it_succeeds()
    {
        _receiver.Answer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable);
        var deliverer = Deliverer();

        await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());
        await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());
        var whileOpen = await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());
        var requestsWhileOpen = _receiver.Requests.Count;

        _clock.Advance(TimeSpan.FromSeconds(31));
        var trial = await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());
        var afterTrial = await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());

        Assert.Equal("circuit open for 127.0.0.1 after repeated failures", whileOpen.Reason);
        Assert.True(whileOpen.Retryable);
        Assert.Equal(2, requestsWhileOpen);
        Assert.True(trial.Delivered);
        Assert.True(afterTrial.Delivered);
        Assert.Equal(4, _receiver.Requests.Count);
    }

    [Fact]
    public async Task Should_open_again_when_the_trial_fails()
    {
        _receiver.Answer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway);
        var deliverer = Deliverer();
        await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());
        await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());

        _clock.Advance(TimeSpan.FromSeconds(31));
        var trial = await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());
        var afterFailedTrial = await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());

        Assert.Equal($"HTTP 502 from {_receiver.Url}/alerts", trial.Reason);
        Assert.Equal("circuit open for 127.0.0.1 after repeated failures", afterFailedTrial.Reason);
        Assert.Equal(3, _receiver.Requests.Count);
    }

    [Fact]
    public async Task Should_keep_one_breaker_per_destination()
    {
        await using var other = await LocalReceiver.StartAsync();
        _receiver.Answer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable);
        var deliverer = Deliverer();
        await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());
        await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout());

        var elsewhere = await deliverer.AttemptAsync(Alerts.Sample(), Webhook with { Target = other.Url + "/alerts" }, Timeout());

        Assert.True(elsewhere.Delivered);
        Assert.False((await deliverer.AttemptAsync(Alerts.Sample(), Webhook, Timeout())).Delivered);
    }
}
