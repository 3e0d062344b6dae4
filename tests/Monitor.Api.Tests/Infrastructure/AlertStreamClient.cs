using System.Text.Json;

namespace Monitor.Api.Tests.Infrastructure;

/// <summary>One server-sent event as read off the wire.</summary>
public sealed record ServerSentEvent(string? Name, string? Id, string Data, IReadOnlyList<string> Lines)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>
/// A client of <c>GET /api/alerts/stream</c>: connected (its <c>: connected</c> line read) when
/// <see cref="ConnectAsync"/> returns, so whatever is stored afterwards is for it. Every read is bounded in time.
/// </summary>
public sealed class AlertStreamClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _timeout;

    private AlertStreamClient(HttpClient http, HttpResponseMessage response, StreamReader reader, CancellationTokenSource timeout)
    {
        _http = http;
        _response = response;
        _reader = reader;
        _timeout = timeout;
    }

    public string? MediaType => _response.Content.Headers.ContentType?.MediaType;

    /// <param name="http">Taken over: disposed with the client.</param>
    /// <param name="lifetime">How long the whole conversation may last; a read past it fails the test.</param>
    public static async Task<AlertStreamClient> ConnectAsync(HttpClient http, TimeSpan? lifetime = null)
    {
        var timeout = new CancellationTokenSource(lifetime ?? TimeSpan.FromSeconds(20));
        var response = await http.GetAsync("/api/alerts/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var client = new AlertStreamClient(http, response, reader, timeout);
        Assert.Equal(": connected", await reader.ReadLineAsync(timeout.Token));
        return client;
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
