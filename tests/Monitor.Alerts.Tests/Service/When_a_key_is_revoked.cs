using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Testing;
using Monitor.Testing.Processes;

namespace Monitor.Alerts.Tests.Service;

/// <summary>The alerts service and the API as two processes over one store: a key revoked through one stops working on both.</summary>
public sealed class When_a_key_is_revoked(PostgresSchema schema, RabbitMqVhost vhost)
    : IClassFixture<PostgresSchema>, IClassFixture<RabbitMqVhost>
{
    // Each service reads new key events every 2 s; the bound leaves room for a loaded machine.
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Should_be_refused_by_every_service_and_end_its_open_streams()
    {
        await using var harness = new AlertsHarness(schema, vhost);
        await using var alerts = await ServiceProcess.StartReadyAsync("Alerts", harness.Environment);
        await using var api = await ServiceProcess.StartReadyAsync("Api", harness.Environment);
        using var adminOnAlerts = AlertsHarness.Client(alerts, AlertsHarness.AdminKey);
        using var adminOnApi = AlertsHarness.Client(api, AlertsHarness.AdminKey);
        using var issued = await adminOnAlerts.PostAsJsonAsync("/api/keys", new { owner = "ana", role = "analyst", name = "ana's laptop" });
        issued.EnsureSuccessStatusCode();
        var answer = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        var (key, keyId) = (answer.GetProperty("key").GetString()!, answer.GetProperty("id").GetGuid());
        using var onAlerts = AlertsHarness.Client(alerts, key);
        using var onApi = AlertsHarness.Client(api, key);
        Assert.True(await Until.HoldsAsync(async () => (await onApi.GetAsync("/api/alerts")).StatusCode == HttpStatusCode.OK, Within, Poll),
            "the key issued through the alerts service was never accepted by the API");
        Assert.Equal(HttpStatusCode.OK, (await onAlerts.GetAsync("/api/subscriptions")).StatusCode);
        using var timeout = new CancellationTokenSource(Within * 2);
        using var alertsStream = await OpenStreamAsync(onAlerts, timeout.Token);
        using var apiStream = await OpenStreamAsync(onApi, timeout.Token);

        // Listed on the other service with what tells it apart, never the key itself.
        var listed = Assert.Single((await adminOnApi.GetFromJsonAsync<JsonElement>("/api/keys")).EnumerateArray(),
            k => k.GetProperty("id").GetGuid() == keyId);
        Assert.Equal(("ana's laptop", "ana", "analyst", key[^4..], false),
            (listed.GetProperty("name").GetString(), listed.GetProperty("owner").GetString(), listed.GetProperty("role").GetString(),
             listed.GetProperty("last4").GetString(), listed.GetProperty("revoked").GetBoolean()));
        Assert.DoesNotContain(key, listed.GetRawText());
        Assert.DoesNotContain(key[3..20], listed.GetRawText());

        using var revoked = await adminOnApi.DeleteAsync($"/api/keys/{keyId}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onApi.GetAsync("/api/alerts")).StatusCode);
        Assert.True(await Until.HoldsAsync(async () => (await onAlerts.GetAsync("/api/subscriptions")).StatusCode == HttpStatusCode.Unauthorized, Within, Poll),
            $"the alerts service still accepted the revoked key after {Within.TotalSeconds} s\n{alerts.Output()}");
        Assert.True(await EndsAsync(alertsStream, timeout.Token), "the alerts service's live stream did not end");
        Assert.True(await EndsAsync(apiStream, timeout.Token), "the API's live stream did not end");
        var afterwards = Assert.Single((await adminOnAlerts.GetFromJsonAsync<JsonElement>("/api/keys")).EnumerateArray(),
            k => k.GetProperty("id").GetGuid() == keyId);
        Assert.True(afterwards.GetProperty("revoked").GetBoolean());
        Assert.Equal("admin", afterwards.GetProperty("revokedBy").GetString());
    }

    private static async Task<StreamReader> OpenStreamAsync(HttpClient http, CancellationToken ct)
    {
        var response = await http.GetAsync("/api/alerts/stream", HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        return new StreamReader(await response.Content.ReadAsStreamAsync(ct));
    }

    /// <summary>Reads the stream to its end; false if it was still open when <paramref name="ct"/> ran out.</summary>
    private static async Task<bool> EndsAsync(StreamReader stream, CancellationToken ct)
    {
        try
        {
            while (await stream.ReadLineAsync(ct) is not null) { }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
