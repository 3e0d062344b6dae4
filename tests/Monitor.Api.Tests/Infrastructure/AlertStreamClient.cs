using System.Text.Json;

namespace Monitor.Api.Tests.Infrastructure;

/// <summary>One server-sent event as read off the wire.</summary>
public sealed record ServerSentEvent(string? Name, string? Id, string Data, IReadOnlyList<string> Lines)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>
/// A client of <c>GET /api/alerts/stream</c>: connected (its <c>: connected</c> message read) when
/// <see cref="ConnectAsync"/> returns, so whatever is stored afterwards is for it. Every read is bounded in time.
/// </summary>
public sealed class AlertStreamClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _timeout;

    private AlertStreamClient(HttpClient http, HttpResponseMessage response, StreamReader reader, CancellationTokenSource timeout, string startId)
    {
        _http = http;
        _response = response;
        _reader = reader;
        _timeout = timeout;
        StartId = startId;
    }

    public string? MediaType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>The id the stream announced on connecting: where a reconnection that got no event resumes.</summary>
    public string StartId { get; }

    /// <param name="http">Taken over: disposed with the client.</param>
    /// <param name="lifetime">How long the whole conversation may last; a read past it fails the test.</param>
    /// <param name="after">The <c>after=</c> query parameter, if any.</param>
    /// <param name="lastEventId">The <c>Last-Event-ID</c> header, as EventSource sends it when it reconnects, if any.</param>
    public static async Task<AlertStreamClient> ConnectAsync(HttpClient http, TimeSpan? lifetime = null, string? after = null, string? lastEventId = null)
    {
        var timeout = new CancellationTokenSource(lifetime ?? TimeSpan.FromSeconds(20));
        var response = await SendAsync(http, after, lastEventId, timeout.Token);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal(": connected", await reader.ReadLineAsync(timeout.Token));
        var id = await reader.ReadLineAsync(timeout.Token);
        Assert.NotNull(id);
        Assert.StartsWith("id: ", id);
        Assert.Equal("", await reader.ReadLineAsync(timeout.Token));
        return new AlertStreamClient(http, response, reader, timeout, id["id: ".Length..]);
    }

    /// <summary>The stream's request as a client sends it; the answer as it comes (headers read).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string? after, string? lastEventId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, after is null ? "/api/alerts/stream" : $"/api/alerts/stream?after={Uri.EscapeDataString(after)}");
        if (lastEventId is not null) request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    /// <summary>Reads lines until an event ends (a blank line after data), skipping comments.</summary>
    public async Task<ServerSentEvent> NextAsync()
    {
        string? name = null, id = null, data = null;
        var lines = new List<string>();
        while (await _reader.ReadLineAsync(_timeout.Token) is { } line)
        {
            if (line.StartsWith(':')) continue;
            if (line.Length == 0)
            {
                if (data is not null) return new ServerSentEvent(name, id, data, lines);
                continue;
            }
            lines.Add(line);
            var (field, value) = line.IndexOf(':') is var at and > 0 ? (line[..at], line[(at + 1)..].TrimStart()) : (line, "");
            if (field == "event") name = value;
            else if (field == "id") id = value;
            else if (field == "data") data = data is null ? value : data + "\n" + value;
        }
        throw new InvalidOperationException("the stream ended before an event arrived");
    }

    /// <summary>The next <paramref name="count"/> events, in the order they came.</summary>
    public async Task<IReadOnlyList<ServerSentEvent>> NextAsync(int count)
    {
        var events = new List<ServerSentEvent>(count);
        for (var i = 0; i < count; i++) events.Add(await NextAsync());
        return events;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        _timeout.Dispose();
        return ValueTask.CompletedTask;
    }
}
