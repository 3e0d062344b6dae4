using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Api.Alerts;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Hosting.Access;
using Monitor.Testing;

namespace Monitor.Api.Tests.Alerts;

public class When_watching_the_alert_stream(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private ApiApp _api = null!;

    public async Task InitializeAsync() => _api = await ApiApp.StartAsync(schema);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_alert_raised_after_connecting_arrives_as_an_alert_event_in_a_cookie_session()
    {
        var earlier = SampleAlerts.Alert(Guid.NewGuid(), "before", SampleCoverage.Start);
        await SampleAlerts.AppendAsync(_api.Store, earlier);
        var key = await _api.IssueKeyAsync("eve", Roles.Viewer);
        using var browser = _api.Client(key: null, new HttpClientHandler { CookieContainer = new CookieContainer() });
        (await browser.PostAsJsonAsync("/api/session", new { key })).EnsureSuccessStatusCode();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await browser.GetAsync("/api/alerts/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(": connected", await reader.ReadLineAsync(timeout.Token));

        var raised = SampleAlerts.Alert(Guid.NewGuid(), "live", SampleCoverage.Start.AddHours(1));
        await SampleAlerts.AppendAsync(_api.Store, raised);

        var (name, id, data) = await NextEventAsync(reader, timeout.Token);
        Assert.Equal("alert", name);
        Assert.Equal(raised.AlertId.ToString(), id);
        var alert = JsonSerializer.Deserialize<AlertView>(data, JsonSerializerOptions.Web)!;
        Assert.Equal((raised.AlertId, "live", raised.Summary), (alert.Id, alert.SubscriptionName, alert.Summary));
    }

    /// <summary>Reads lines until an event ends (a blank line after data), skipping comments.</summary>
    private static async Task<(string? Name, string? Id, string Data)> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        string? name = null, id = null, data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith(':')) continue;
            if (line.Length == 0)
            {
                if (data is not null) return (name, id, data);
                continue;
            }
            var (field, value) = line.IndexOf(':') is var at and > 0 ? (line[..at], line[(at + 1)..].TrimStart()) : (line, "");
            if (field == "event") name = value;
            else if (field == "id") id = value;
            else if (field == "data") data = data is null ? value : data + "\n" + value;
        }
        throw new InvalidOperationException("the stream ended before an event arrived");
    }
}
