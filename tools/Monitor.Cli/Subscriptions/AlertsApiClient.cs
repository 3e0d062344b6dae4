using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitor.Cli.Pipeline;
using Monitor.Contracts.Alerts;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Monitor.Cli.Subscriptions;

/// <summary>An answer with the version it carried (ETag), when it carried one.</summary>
public sealed record Versioned<T>(T Value, string? Version);

/// <summary>Where the alerts service (or the query API, which answers the same keys) is and the key to show it (X-Api-Key).</summary>
/// <param name="Service">How error messages name the service.</param>
public sealed record AlertsApiOptions(Uri BaseUrl, string Key, TimeSpan AttemptTimeout, int MaxRetries, string Service = AlertsApiOptions.AlertsService)
{
    public const string DefaultUrl = "http://127.0.0.1:5105";
    public const string QueryApiUrl = "http://127.0.0.1:5106";
    public const string KeyVariable = "MONITOR_API_KEY";
    public const string AlertsService = "the alerts service";
    public const string QueryApi = "the API";
}

/// <summary>
/// The alerts service's subscription API. Every attempt has a timeout; reads (GET) are retried with backoff on
/// connection trouble, timeouts, 429 and 5xx. Writes are sent once: a POST that timed out may have been stored,
/// and creating or pausing twice is not the same as once.
/// </summary>
public sealed partial class AlertsApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly HttpClient _http;
    private readonly AlertsApiOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _reads;
    private readonly ResiliencePipeline<HttpResponseMessage> _writes;

    public AlertsApiClient(AlertsApiOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        _http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = options.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add("X-Api-Key", options.Key);
        _reads = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(250),
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.TooManyRequests),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
        _writes = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(options.AttemptTimeout).Build();
    }

    public Task<SubscriptionView> CreateAsync(SubscriptionRequest request, CancellationToken ct) =>
        SendAsync<SubscriptionView>(_writes, () => new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions")
        {
            Content = JsonContent.Create(request, options: Json),
        }, "subscription", ct);

    public Task<IReadOnlyList<SubscriptionView>> ListAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<SubscriptionView>>(_reads, () => new HttpRequestMessage(HttpMethod.Get, "/api/subscriptions"), "subscriptions", ct);

    public Task<SubscriptionView> GetAsync(Guid id, CancellationToken ct) =>
        SendAsync<SubscriptionView>(_reads, () => new HttpRequestMessage(HttpMethod.Get, $"/api/subscriptions/{id}"), $"subscription {id}", ct);

    public Task<SubscriptionView> PauseAsync(Guid id, CancellationToken ct) =>
        SendAsync<SubscriptionView>(_writes, () => new HttpRequestMessage(HttpMethod.Post, $"/api/subscriptions/{id}/pause"), $"subscription {id}", ct);

    public Task<SubscriptionView> ResumeAsync(Guid id, CancellationToken ct) =>
        SendAsync<SubscriptionView>(_writes, () => new HttpRequestMessage(HttpMethod.Post, $"/api/subscriptions/{id}/resume"), $"subscription {id}", ct);

    /// <summary>The subscription with its version (the ETag an edit sends back as If-Match).</summary>
    public Task<Versioned<SubscriptionView>> GetVersionedAsync(Guid id, CancellationToken ct) =>
        SendVersionedAsync<SubscriptionView>(_reads, () => new HttpRequestMessage(HttpMethod.Get, $"/api/subscriptions/{id}"), $"subscription {id}", ct);

    /// <summary>Archives it at the version read: it raises nothing from then on and is no longer listed.</summary>
    public Task<Versioned<SubscriptionView>> DeleteAsync(Guid id, string version, CancellationToken ct) =>
        SendVersionedAsync<SubscriptionView>(_writes, () => IfMatch(new HttpRequestMessage(HttpMethod.Delete, $"/api/subscriptions/{id}"), version),
            $"subscription {id}", ct);

    /// <summary>Replaces one part (name, scope, rules, channels, quiet-hours, digest) at the version read.</summary>
    public Task<Versioned<SubscriptionView>> EditAsync(Guid id, string part, object body, string version, CancellationToken ct) =>
        SendVersionedAsync<SubscriptionView>(_writes, () => IfMatch(new HttpRequestMessage(HttpMethod.Put, $"/api/subscriptions/{id}/{part}")
        {
            Content = JsonContent.Create(body, options: Json),
        }, version), $"subscription {id}", ct);

    private static HttpRequestMessage IfMatch(HttpRequestMessage request, string version)
    {
        request.Headers.TryAddWithoutValidation("If-Match", version);
        return request;
    }

    /// <summary>The alerts the subscription's rules would have raised between the two times; nothing is stored or sent.</summary>
    public Task<IReadOnlyList<AlertRaised>> BacktestAsync(Guid id, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var query = new List<string>();
        if (from is { } f) query.Add("from=" + Uri.EscapeDataString(f.ToString("O")));
        if (to is { } t) query.Add("to=" + Uri.EscapeDataString(t.ToString("O")));
        var path = $"/api/subscriptions/{id}/backtest" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return SendAsync<IReadOnlyList<AlertRaised>>(_reads, () => new HttpRequestMessage(HttpMethod.Get, path), $"subscription {id}", ct);
    }

    private async Task<T> SendAsync<T>(ResiliencePipeline<HttpResponseMessage> pipeline, Func<HttpRequestMessage> request, string what, CancellationToken ct) =>
        (await SendVersionedAsync<T>(pipeline, request, what, ct)).Value;

    private async Task<Versioned<T>> SendVersionedAsync<T>(ResiliencePipeline<HttpResponseMessage> pipeline, Func<HttpRequestMessage> request, string what,
        CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(async token =>
            {
                using var message = request();
                return await _http.SendAsync(message, token);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new PipelineCommandException(ExitCodes.InfrastructureUnreachable,
                $"cannot reach {_options.Service} at {_options.BaseUrl}: {e.Message} (is it running? ./monitor up starts it; --url points elsewhere)", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return new Versioned<T>(JsonSerializer.Deserialize<T>(body, Json) ?? throw new JsonException("empty body"),
                        response.Headers.ETag?.Tag);
                }
                catch (JsonException e)
                {
                    throw new PipelineCommandException(ExitCodes.Failed, $"{_options.Service} answered with a body this CLI cannot read ({e.Message}): {Shorten(body)}");
                }
            }
            throw new PipelineCommandException(ExitCodes.Failed, response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => $"{_options.Service} did not accept the API key (--key or {AlertsApiOptions.KeyVariable})",
                HttpStatusCode.Forbidden => $"the API key may not do this: {Title(body) ?? "forbidden"}",
                HttpStatusCode.NotFound => $"{what} not found (or it belongs to another analyst)",
                HttpStatusCode.BadRequest => $"{_options.Service} refused the request:" + Environment.NewLine + Problems(body),
                HttpStatusCode.Conflict => $"{Title(body) ?? "the subscription changed since it was read"}: nothing more was changed; run the command again",
                _ => $"{_options.Service} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}",
            });
        }
    }

    /// <summary>Problem details' errors, one "field: message" per line.</summary>
    private static string Problems(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var text = new StringBuilder();
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                foreach (var field in errors.EnumerateObject())
                    foreach (var message in field.Value.EnumerateArray())
                        text.Append("  ").AppendLine(message.GetString());
            return text.Length > 0 ? text.ToString().TrimEnd() : "  " + (Title(body) ?? Shorten(body));
        }
        catch (JsonException)
        {
            return "  " + Shorten(body);
        }
    }

    private static string? Title(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("title", out var title) ? title.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    public void Dispose() => _http.Dispose();
}
