using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitor.Testing;

namespace Monitor.Faults.Tests.Harness;

/// <summary>What the scenarios ask RabbitMQ's management API about the queues of their vhost.</summary>
public sealed class BrokerApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _vhost;

    public BrokerApi(RabbitMqVhost vhost)
    {
        _vhost = Uri.EscapeDataString(vhost.Name);
        _http = new HttpClient { BaseAddress = new Uri(vhost.ManagementUri.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(vhost.ManagementUri.UserInfo))));
    }

    /// <param name="Messages">Ready and unacknowledged messages together.</param>
    public sealed record QueueState(long Messages, int Consumers);

    public sealed record QueuedMessage(IReadOnlyDictionary<string, string> Headers, string? MessageId);

    /// <summary>The queue's depth and consumers; null when it does not exist (or the broker does not answer).</summary>
    public async Task<QueueState?> QueueAsync(string queue)
    {
        try
        {
            using var response = await _http.GetAsync($"/api/queues/{_vhost}/{Uri.EscapeDataString(queue)}");
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            response.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = doc.RootElement;
            return new QueueState(Number(root, "messages"), (int)Number(root, "consumers"));
        }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) { return null; }
    }

    /// <summary>
    /// Per consumer of the queue (one channel each): how many deliveries it acknowledged, from the
    /// broker's statistics (sampled every few seconds).
    /// </summary>
    public async Task<IReadOnlyList<long>> AcksPerConsumerAsync(string queue)
    {
        using var response = await _http.GetAsync($"/api/queues/{_vhost}/{Uri.EscapeDataString(queue)}");
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var channels = doc.RootElement.TryGetProperty("consumer_details", out var consumers)
            ? consumers.EnumerateArray().Select(c => c.GetProperty("channel_details").GetProperty("name").GetString()!).ToArray()
            : [];
        var acks = new List<long>();
        foreach (var channel in channels)
        {
            using var channelResponse = await _http.GetAsync($"/api/channels/{Uri.EscapeDataString(channel)}");
            if (!channelResponse.IsSuccessStatusCode) { acks.Add(0); continue; }
            using var channelDoc = JsonDocument.Parse(await channelResponse.Content.ReadAsStringAsync());
            acks.Add(channelDoc.RootElement.TryGetProperty("message_stats", out var stats) ? Number(stats, "ack") : 0);
        }
        return acks;
    }

    /// <summary>
    /// Reads up to <paramref name="count"/> messages' headers and ids and puts them back (bodies are
    /// truncated by the broker: a fault's reason lies in its headers).
    /// </summary>
    public async Task<IReadOnlyList<QueuedMessage>> PeekAsync(string queue, int count)
    {
        using var response = await _http.PostAsJsonAsync($"/api/queues/{_vhost}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 200 });
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var messages = new List<QueuedMessage>();
        foreach (var message in doc.RootElement.EnumerateArray())
        {
            var properties = message.GetProperty("properties");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (properties.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
                foreach (var header in h.EnumerateObject())
                    headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
            var id = properties.TryGetProperty("message_id", out var m) ? m.GetString() : null;
            messages.Add(new QueuedMessage(headers, id));
        }
        return messages;
    }

    public void Dispose() => _http.Dispose();

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
