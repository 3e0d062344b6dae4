using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Monitor.Contracts.Alerts;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Sends an alert (or a digest, or a quiet spell's held alerts) to one channel and says how it went, as the event to append: AlertDelivered, or
/// AlertDeliveryFailed after the last retry (or at once for an answer that retrying cannot change: a 4xx,
/// a refused destination, an open circuit). Each destination host has its own circuit breaker, so one dead
/// bot endpoint does not slow the others.
/// </summary>
public sealed class ChannelDeliverer(HttpClient http, DeliveryOptions options, TimeProvider clock, EmailSender? email = null)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.OrdinalIgnoreCase);
    private ResiliencePipeline? _emailPipeline;

    /// <summary>Delivers an alert: AlertDelivered, or AlertDeliveryFailed with the reason.</summary>
    public async Task<object> DeliverAsync(AlertRaised alert, AlertChannel channel, CancellationToken ct)
    {
        var outcome = await SendAsync(ChannelMessage.For(alert), channel, ct);
        return outcome.Delivered
            ? new AlertDelivered(alert.AlertId, channel.ChannelId, channel.Kind, outcome.Attempts, clock.GetUtcNow())
            : new AlertDeliveryFailed(alert.AlertId, channel.ChannelId, channel.Kind, outcome.Reason!, outcome.Attempts, clock.GetUtcNow());
    }

    /// <summary>Delivers a digest, with the same retries and circuit breakers as alerts.</summary>
    public async Task<DigestChannelResult> DeliverAsync(Digest digest, AlertChannel channel, CancellationToken ct)
    {
        var outcome = await SendAsync(ChannelMessage.For(digest), channel, ct);
        return new DigestChannelResult(channel.ChannelId, channel.Kind, outcome.Delivered, outcome.Attempts, outcome.Reason);
    }

    /// <summary>Delivers the alerts held during a quiet spell as one message, with the same retries and circuit breakers.</summary>
    public async Task<DigestChannelResult> DeliverAsync(HeldAlerts release, AlertChannel channel, CancellationToken ct)
    {
        var outcome = await SendAsync(ChannelMessage.For(release), channel, ct);
        return new DigestChannelResult(channel.ChannelId, channel.Kind, outcome.Delivered, outcome.Attempts, outcome.Reason);
    }

    private async Task<SendOutcome> SendAsync(ChannelMessage message, AlertChannel channel, CancellationToken ct)
    {
        if (channel.Kind == AlertChannelKinds.Email)
            return await EmailAsync(message, channel, ct);

        ChannelRequest request;
        try
        {
            request = ChannelFormats.For(channel, message, clock.GetUtcNow());
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return SendOutcome.Failed($"channel target '{channel.Target}' cannot be used: {e.Message}", 0);
        }

        var attempts = 0;
        try
        {
            using var response = await PipelineFor(request.Url).ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref attempts);
                return await http.SendAsync(ToMessage(request), token);
            }, ct);
            if (response.IsSuccessStatusCode) return new SendOutcome(true, attempts, null);
            return SendOutcome.Failed($"HTTP {(int)response.StatusCode} from {request.Url.GetLeftPart(UriPartial.Path)}", attempts);
        }
        catch (BrokenCircuitException)
        {
            return SendOutcome.Failed($"circuit open for {request.Url.Host} after repeated failures", attempts);
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refusal)
        {
            return SendOutcome.Failed(refusal.Message, attempts);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return SendOutcome.Failed($"{request.Url.GetLeftPart(UriPartial.Path)}: {e.Message}", attempts);
        }
    }

    private async Task<SendOutcome> EmailAsync(ChannelMessage message, AlertChannel channel, CancellationToken ct)
    {
        if (email is null) return SendOutcome.Failed($"no SMTP server is configured ({SmtpSettings.Variable})", 0);
        var attempts = 0;
        try
        {
            await (_emailPipeline ??= BuildEmail()).ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref attempts);
                await email.SendAsync(message, channel.Target, token);
            }, ct);
            return new SendOutcome(true, attempts, null);
        }
        catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or System.Net.Sockets.SocketException or TimeoutRejectedException or BrokenCircuitException
                                  && !ct.IsCancellationRequested)
        {
            return SendOutcome.Failed($"e-mail to {channel.Target}: {e.Message}", attempts);
        }
    }

    private sealed record SendOutcome(bool Delivered, int Attempts, string? Reason)
    {
        public static SendOutcome Failed(string reason, int attempts) => new(false, attempts, reason);
    }

    private ResiliencePipeline BuildEmail()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<System.Net.Mail.SmtpException>().Handle<IOException>().Handle<System.Net.Sockets.SocketException>(),
                MaxRetryAttempts = options.MaxRetries,
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

    private ResiliencePipeline<HttpResponseMessage> PipelineFor(Uri url) =>
        _pipelines.GetOrAdd(url.GetLeftPart(UriPartial.Authority), _ => Build());

    private ResiliencePipeline<HttpResponseMessage> Build()
    {
        // Transient: network errors, attempt timeouts, 5xx, 429. Never an SSRF refusal (it will not change).
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>(e => FindRefusal(e) is null)
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests);

        // Retry outside the breaker: every attempt counts towards opening it, and once open the
        // BrokenCircuitException is not retried, so delivery to a dead host fails fast.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        if (options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }
}
