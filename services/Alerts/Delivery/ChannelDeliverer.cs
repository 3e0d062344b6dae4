using System.Net;
using System.Text;
using Monitor.Contracts.Alerts;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Sends an alert (or a digest, or a quiet spell's held alerts) to one channel and says how it went. An alert gets one
/// attempt per call: its retries are the <see cref="DeliverySchedule"/>'s, stored in the log by the <see cref="DeliveryWorker"/>.
/// A digest or a release is retried here, with exponential back-off. Either way each attempt has a timeout, and each
/// destination has its own circuit breaker: both are the <paramref name="http"/> client's (<see cref="ChannelHttp"/>).
/// </summary>
public sealed class ChannelDeliverer(HttpClient http, DeliveryOptions options, TimeProvider clock, EmailSender? email = null)
{
    private ResiliencePipeline<HttpResponseMessage>? _retry;
    private ResiliencePipeline? _emailPipeline;
    private ResiliencePipeline? _emailAttempt;

    /// <summary>One attempt to deliver an alert: delivered, or why not and whether trying again may help.</summary>
    public async Task<DeliveryAttempt> AttemptAsync(AlertRaised alert, AlertChannel channel, CancellationToken ct)
    {
        var outcome = await SendAsync(ChannelMessage.For(alert), channel, retry: false, ct);
        return new DeliveryAttempt(outcome.Delivered, outcome.Reason, outcome.Retryable);
    }

    /// <summary>Delivers a digest, retrying here, through the same circuit breakers as alerts.</summary>
    public async Task<DigestChannelResult> DeliverAsync(Digest digest, AlertChannel channel, CancellationToken ct)
    {
        var outcome = await SendAsync(ChannelMessage.For(digest), channel, retry: true, ct);
        return new DigestChannelResult(channel.ChannelId, channel.Kind, outcome.Delivered, outcome.Attempts, outcome.Reason);
    }

    /// <summary>Delivers the alerts held during a quiet spell as one message, retrying here, through the same circuit breakers.</summary>
    public async Task<DigestChannelResult> DeliverAsync(HeldAlerts release, AlertChannel channel, CancellationToken ct)
    {
        var outcome = await SendAsync(ChannelMessage.For(release), channel, retry: true, ct);
        return new DigestChannelResult(channel.ChannelId, channel.Kind, outcome.Delivered, outcome.Attempts, outcome.Reason);
    }

    private async Task<SendOutcome> SendAsync(ChannelMessage message, AlertChannel channel, bool retry, CancellationToken ct)
    {
        if (channel.Kind == AlertChannelKinds.Email)
            return await EmailAsync(message, channel, retry, ct);

        ChannelRequest request;
        try
        {
            request = ChannelFormats.For(channel, message, clock.GetUtcNow());
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return SendOutcome.Final($"channel target '{channel.Target}' cannot be used: {e.Message}", 0);
        }

        var attempts = 0;
        async ValueTask<HttpResponseMessage> Send(CancellationToken token)
        {
            Interlocked.Increment(ref attempts);
            return await http.SendAsync(ToMessage(request), token);
        }
        try
        {
            using var response = retry && options.MaxRetries > 0
                ? await (_retry ??= BuildRetry()).ExecuteAsync(Send, ct)
                : await Send(ct);
            if (response.IsSuccessStatusCode) return new SendOutcome(true, attempts, null, false);
            var reason = $"HTTP {(int)response.StatusCode} from {request.Url.GetLeftPart(UriPartial.Path)}";
            return IsTransient(response) ? SendOutcome.Passing(reason, attempts) : SendOutcome.Final(reason, attempts);
        }
        catch (BrokenCircuitException)
        {
            return SendOutcome.Passing($"circuit open for {request.Url.Host} after repeated failures", attempts);
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refusal)
        {
            return SendOutcome.Final(refusal.Message, attempts);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return SendOutcome.Passing($"{request.Url.GetLeftPart(UriPartial.Path)}: {e.Message}", attempts);
        }
    }

    private async Task<SendOutcome> EmailAsync(ChannelMessage message, AlertChannel channel, bool retry, CancellationToken ct)
    {
        if (email is null) return SendOutcome.Final($"no SMTP server is configured ({SmtpSettings.Variable})", 0);
        var attempts = 0;
        try
        {
            var pipeline = retry ? _emailPipeline ??= BuildEmail(options.MaxRetries) : _emailAttempt ??= BuildEmail(0);
            await pipeline.ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref attempts);
                await email.SendAsync(message, channel.ChannelId, channel.Target, token);
            }, ct);
            return new SendOutcome(true, attempts, null, false);
        }
        catch (Exception e) when ((EmailSender.IsPassing(e) || e is TimeoutRejectedException or BrokenCircuitException) && !ct.IsCancellationRequested)
        {
            return SendOutcome.Passing($"e-mail to {channel.Target}: {e.Message}", attempts);
        }
    }

    /// <param name="Retryable">The failure may pass (see <see cref="DeliveryAttempt.Retryable"/>).</param>
    private sealed record SendOutcome(bool Delivered, int Attempts, string? Reason, bool Retryable)
    {
        public static SendOutcome Passing(string reason, int attempts) => new(false, attempts, reason, true);
        public static SendOutcome Final(string reason, int attempts) => new(false, attempts, reason, false);
    }

    private static bool IsTransient(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private ResiliencePipeline BuildEmail(int retries)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (retries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(EmailSender.IsPassing),
                MaxRetryAttempts = retries,
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    private static SsrfRefusedException? FindRefusal(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is SsrfRefusedException refusal) return refusal;
        return null;
    }

    private static HttpRequestMessage ToMessage(ChannelRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    // Transient: network errors, attempt timeouts, 5xx, 408, 429. Never an SSRF refusal (it will not change).
    internal static PredicateBuilder<HttpResponseMessage> Transient() => new PredicateBuilder<HttpResponseMessage>()
        .Handle<HttpRequestException>(e => FindRefusal(e) is null)
        .Handle<TimeoutRejectedException>()
        .HandleResult(IsTransient);

    /// <summary>
    /// Retries outside the breaker: every attempt counts towards opening it, and once open the BrokenCircuitException
    /// is not retried, so delivery to a dead host fails fast.
    /// </summary>
    private ResiliencePipeline<HttpResponseMessage> BuildRetry() =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = Transient(),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
}
