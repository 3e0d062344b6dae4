using System.Net;
using Microsoft.Extensions.Logging;
using Monitor.Feeds.Sdk.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Monitor.Feeds.Sdk.Http;

/// <summary>
/// GET with the feed's resilience pipeline, outermost first: retry (exponential backoff with jitter,
/// or the source's Retry-After), circuit breaker (opens when half the recent attempts fail), the
/// rate-limit gate, and a timeout per attempt. A request that still fails raises
/// <see cref="FeedHttpException"/> (or Polly's BrokenCircuitException / TimeoutRejectedException),
/// which fails the cycle and is reported as FeedFailing.
/// </summary>
public sealed class FeedHttpClient
{
    /// <summary>The IHttpClientFactory client a feed service GETs with (FeedHosting configures it).</summary>
    public const string ClientName = "feed";

    /// <summary>A Retry-After longer than this is not waited out inside a cycle; the cycle fails and the next one tries.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(2);

    /// <summary>A larger answer is not read: no page or feed document comes near it, and memory is bounded.</summary>
    public const int MaxResponseBytes = 32 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly RequestGate _gate;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public FeedHttpClient(HttpClient http, RequestGate gate, FeedSettings settings, TimeProvider time, ILogger<FeedHttpClient> logger)
    {
        _http = http;
        _gate = gate;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(settings.Retries, 1),
                ShouldHandle = args => ValueTask.FromResult(settings.Retries > 0 && IsTransient(args.Outcome)
                                                            && !(args.Outcome.Result is { } r && RetryAfter.Of(r, time.GetUtcNow()) > LongestRetryAfter)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(10),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfter.Of(response, time.GetUtcNow()) : null),
                OnRetry = args =>
                {
                    logger.LogInformation("Retrying {Uri} (attempt {Attempt}) in {Delay} after {Outcome}",
                        args.Context.Properties.GetValue(RequestUri, null!), args.AttemptNumber + 1, args.RetryDelay,
                        args.Outcome.Exception?.Message ?? $"{(int)args.Outcome.Result!.StatusCode} {args.Outcome.Result.StatusCode}");
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                // 429 is the source pacing us, not failing: the gate handles it, the breaker ignores it.
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = settings.BreakDuration,
                OnOpened = args =>
                {
                    logger.LogWarning("Circuit to the source opened for {Duration}", args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.Timeout)
            .Build();
    }

    private static readonly ResiliencePropertyKey<Uri> RequestUri = new("feed.uri");

    /// <summary>GETs <paramref name="uri"/>; <paramref name="configure"/> adds headers (conditional GET, Accept ...).</summary>
    public async Task<FeedResponse> GetAsync(Uri uri, Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestUri, uri);
        try
        {
            byte[] body = [];
            using var response = await _pipeline.ExecuteAsync(async ctx =>
            {
                await _gate.WaitTurnAsync(ctx.CancellationToken);
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                configure?.Invoke(request);
                var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
                if (RetryAfter.Of(answer, _time.GetUtcNow()) is { } pause) _gate.PauseUntil(_time.GetUtcNow() + pause);
                // The body is read inside the attempt, so the attempt's timeout covers it.
                if (answer.IsSuccessStatusCode) body = await ReadBoundedAsync(uri, answer, ctx.CancellationToken);
                return answer;
            }, context);

            if (response.StatusCode == HttpStatusCode.NotModified)
                return new FeedResponse(uri, response.StatusCode, [], null, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
            if (!response.IsSuccessStatusCode)
                throw new FeedHttpException($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}", response.StatusCode);

            return new FeedResponse(uri, response.StatusCode, body, response.Content.Headers.ContentType?.CharSet,
                response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
        }
        catch (HttpRequestException e)
        {
            throw new FeedHttpException($"GET {uri} failed: {e.Message}", e.StatusCode, e);
        }
        catch (IOException e)
        {
            throw new FeedHttpException($"GET {uri} failed while reading the answer: {e.Message}", null, e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new TimeoutRejectedException($"GET {uri} timed out after {e.Timeout}", e.Timeout, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Uri uri, HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        if (answer.Content.Headers.ContentLength > MaxResponseBytes)
        {
            answer.Dispose();
            throw new FeedResponseTooLargeException(uri, answer.Content.Headers.ContentLength.Value);
        }
        await using var stream = await answer.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                answer.Dispose();
                throw new FeedResponseTooLargeException(uri, null);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Exception: not null } => false,
        { Result: { } r } => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)r.StatusCode >= 500,
        _ => false,
    };
}
