using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitor.Testing;

namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>Peeks at a queue's messages through the management API (they are requeued, not consumed).</summary>
public sealed class RabbitMqQueues : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _vhost;

    public RabbitMqQueues(RabbitMqVhost vhost)
    {
        var management = TestEnvironment.RabbitMqManagement;
        _vhost = vhost.Name;
        _http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
    }

    public sealed record PeekedMessage(IReadOnlyDictionary<string, string> Headers, string Body);

    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queue, int count = 100)
    {
        using var response = await _http.PostAsJsonAsync(
            $"/api/queues/{Uri.EscapeDataString(_vhost)}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto" });
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var messages = new List<PeekedMessage>();
        foreach (var message in doc.RootElement.EnumerateArray())
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (message.GetProperty("properties").TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
                foreach (var header in h.EnumerateObject())
                    headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
            messages.Add(new PeekedMessage(headers, message.GetProperty("payload").GetString() ?? ""));
        }
        return messages;
    }

    public void Dispose() => _http.Dispose();
}
