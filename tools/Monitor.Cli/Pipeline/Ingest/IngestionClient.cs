using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>Ingestion's answer to a POST /api/coverage.</summary>
public sealed record IngestReply(int Accepted, int Ingested, int Updated, int Unchanged)
{
    public static readonly IngestReply None = new(0, 0, 0, 0);
    public IngestReply Add(IngestReply other) =>
        new(Accepted + other.Accepted, Ingested + other.Ingested, Updated + other.Updated, Unchanged + other.Unchanged);
}

/// <summary>
/// Ingestion's answer to one batch: its counts, or its refusal (400). It stores none of a batch with an invalid
/// item; <see cref="ItemErrors"/> holds the reasons by the item's index in the batch, so the caller can leave
/// those out and send the rest again.
/// </summary>
public sealed record IngestAnswer(IngestReply? Reply, IReadOnlyDictionary<int, string> ItemErrors, string Refusal)
{
    public static IngestAnswer Accepted(IngestReply reply) => new(reply, new Dictionary<int, string>(), "");
}

/// <summary>How long one POST may take, how often a failed one is retried, and the first backoff delay.</summary>
public sealed record IngestionClientOptions(TimeSpan AttemptTimeout, int MaxRetries, TimeSpan RetryDelay)
{
    public static readonly IngestionClientOptions Default = new(TimeSpan.FromSeconds(30), 4, TimeSpan.FromMilliseconds(250));
}

/// <summary>
/// Posts batches to the ingestion service. Every attempt has a timeout; connection failures,
/// timeouts, 408, 429 and 5xx are retried with backoff. Retrying a POST is safe here: ingestion
/// derives each item's stream and event ids from the item, so a batch that was stored before
/// the answer got lost is stored once.
/// </summary>
public sealed class IngestionClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly ResiliencePipeline<HttpResponseMessage> resilience;

    /// <param name="handler">The HTTP stack; tests pass their own, the CLI the default.</param>
    public IngestionClient(Uri baseUrl, IngestionClientOptions options, Action<string>? onRetry = null, HttpMessageHandler? handler = null)
    {
        var maxRetries = options.MaxRetries;
        endpoint = new Uri(baseUrl, "/api/coverage");
        // Polly's timeout bounds each attempt; the client's own timeout would cut across retries.
        http = new HttpClient(handler ?? new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        resilience = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryDelay,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
                OnRetry = args =>
                {
                    var why = args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}";
                    onRetry?.Invoke($"POST {endpoint} failed ({why}); retry {args.AttemptNumber + 1} of {maxRetries} in {args.RetryDelay.TotalSeconds:0.0}s");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>Posts the batch; a refused batch is an error naming every invalid item where it was read.</summary>
    public async Task<IngestReply> PostAsync(IReadOnlyList<OutgoingCoverage> batch, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(batch, cancellationToken);
        return answer.Reply ?? throw new PipelineCommandException(ExitCodes.Failed, "ingestion rejected the batch:" + Environment.NewLine + answer.Refusal);
    }

    /// <summary>Posts the batch and returns ingestion's counts or its refusal; other failures throw.</summary>
    public async Task<IngestAnswer> SendAsync(IReadOnlyList<OutgoingCoverage> batch, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(batch.Select(i => i.Json), CoverageSource.Json);
        HttpResponseMessage response;
        try
        {
            response = await resilience.ExecuteAsync(async token =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return await http.PostAsync(endpoint, content, token);
            }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new PipelineCommandException(ExitCodes.InfrastructureUnreachable,
                $"cannot reach ingestion at {endpoint}: {e.Message} (is it running? ./monitor up starts it)", e);
        }

        using (response)
        {
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new PipelineCommandException(ExitCodes.InfrastructureUnreachable,
                    $"ingestion at {endpoint} closed the connection while answering: {e.Message}", e);
            }
            return response.StatusCode switch
            {
                HttpStatusCode.Accepted or HttpStatusCode.OK => IngestAnswer.Accepted(ParseReply(text)),
                HttpStatusCode.BadRequest => new IngestAnswer(null, ProblemDetailsText.ByItem(text, batch.Count), ProblemDetailsText.Describe(text, batch)),
                HttpStatusCode.RequestEntityTooLarge => throw new PipelineCommandException(ExitCodes.Failed,
                    $"ingestion refused a batch of {batch.Count} items ({body.Length:N0} bytes) as too large " +
                    "(its limit is MONITOR_INGESTION_MAX_BODY_BYTES); use a smaller --batch-size"),
                _ => throw new PipelineCommandException(ExitCodes.Failed,
                    $"ingestion answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(text)}"),
            };
        }
    }

    private IngestReply ParseReply(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<IngestReply>(text, CoverageSource.Json)
                   ?? throw new JsonException("empty body");
        }
        catch (JsonException e)
        {
            throw new PipelineCommandException(ExitCodes.Failed,
                $"ingestion at {endpoint} answered with an unexpected body ({e.Message}): {Shorten(text)}");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    public void Dispose() => http.Dispose();
}
