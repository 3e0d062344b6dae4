using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitor.Cli.Pipeline;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Monitor.Cli.Errors;

/// <summary>A queue as the management API lists it.</summary>
public sealed record QueueInfo(string Name, long Messages, long Consumers);

/// <summary>A message looked at without taking it off its queue: its MassTransit fault headers and body.</summary>
public sealed record PeekedMessage(string? MessageId, IReadOnlyDictionary<string, string> Headers, string Payload)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// The RabbitMQ management HTTP API, for what AMQP cannot tell: which queues exist and how many messages
/// they hold. Every call is a read, so each is retried on connection trouble and bounded by a timeout.
/// </summary>
public sealed class ManagementApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _vhost;
    private readonly ResiliencePipeline _resilience;

    public ManagementApi(BrokerSettings settings, HttpMessageHandler? handler = null)
    {
        _vhost = Uri.EscapeDataString(settings.VirtualHost);
        _http = new HttpClient(handler ?? new SocketsHttpHandler())
        {
            // The credentials go in the Authorization header, never in an address that is printed.
            BaseAddress = new UriBuilder(settings.Management.Scheme, settings.Management.Host, settings.Management.Port).Uri,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var credentials = Uri.UnescapeDataString(settings.Management.UserInfo);
        if (credentials.Length > 0)
            _http.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        _resilience = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(300),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
            })
            .AddTimeout(TimeSpan.FromSeconds(15))
            .Build();
    }

    public string Describe() => $"{_http.BaseAddress} vhost {Uri.UnescapeDataString(_vhost)}";

    /// <summary>Every queue of the vhost whose name ends in <c>_error</c>, by name.</summary>
    public async Task<IReadOnlyList<QueueInfo>> ErrorQueuesAsync(CancellationToken ct)
    {
        using var document = await GetJsonAsync($"/api/queues/{_vhost}?columns=name,messages,consumers", ct)
            ?? throw new PipelineCommandException(ExitCodes.Failed, $"RabbitMQ has no virtual host '{Uri.UnescapeDataString(_vhost)}' (MONITOR_RABBITMQ)");
        return document.RootElement.EnumerateArray()
            .Select(q => new QueueInfo(q.GetProperty("name").GetString()!, Count(q, "messages"), Count(q, "consumers")))
            .Where(q => ErrorQueueName.IsErrorQueue(q.Name))
            .OrderBy(q => q.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The queue, or null when the vhost has none of that name.</summary>
    public async Task<QueueInfo?> QueueAsync(string name, CancellationToken ct)
    {
        using var document = await GetJsonAsync($"/api/queues/{_vhost}/{Uri.EscapeDataString(name)}", ct);
        return document is null ? null : new QueueInfo(name, Count(document.RootElement, "messages"), Count(document.RootElement, "consumers"));
    }

    /// <summary>
    /// The first messages of a queue. The management API takes them and puts them back (ack_requeue_true),
    /// so they stay on the queue, marked redelivered.
    /// </summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queue, int count, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/queues/{_vhost}/{Uri.EscapeDataString(queue)}/get")
        {
            Content = JsonContent.Create(new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 4000 }),
        }, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        await EnsureSuccessAsync(response, ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return document.RootElement.EnumerateArray().Select(ReadMessage).ToList();
    }

    private static PeekedMessage ReadMessage(JsonElement message)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? messageId = null;
        if (message.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            if (properties.TryGetProperty("message_id", out var id) && id.ValueKind == JsonValueKind.String) messageId = id.GetString();
            if (properties.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
                foreach (var header in h.EnumerateObject())
                    headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
        }
        var payload = message.TryGetProperty("payload", out var p) ? p.GetString() ?? "" : "";
        return new PeekedMessage(messageId, headers, payload);
    }

    private async Task<JsonDocument?> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        try
        {
            return await _resilience.ExecuteAsync(async token =>
            {
                using var message = request();
                return await _http.SendAsync(message, token);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new PipelineCommandException(ExitCodes.InfrastructureUnreachable,
                $"cannot reach the RabbitMQ management API at {_http.BaseAddress} (MONITOR_RABBITMQ_MANAGEMENT): {e.Message} " +
                "(is RabbitMQ running with its management plugin? ./monitor provision starts it)", e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? " (check the user and password in MONITOR_RABBITMQ_MANAGEMENT)" : "";
        throw new PipelineCommandException(ExitCodes.Failed,
            $"the RabbitMQ management API answered {(int)response.StatusCode} {response.ReasonPhrase}{hint}: {(body.Length > 300 ? body[..300] : body)}");
    }

    private static long Count(JsonElement queue, string property) =>
        queue.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    public void Dispose() => _http.Dispose();
}
