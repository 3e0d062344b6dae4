using System.Net;
using System.Text.Json;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Testing;

namespace Monitor.Api.Tests.ReadModels;

/// <summary>A newer release rebuilt the alerts read model (its version is stored beside the checkpoint) while this API runs.</summary>
public sealed class When_another_version_takes_a_read_model : IAsyncLifetime
{
    private readonly PostgresSchema _schema = new();
    private ApiApp _api = null!;

    public async Task InitializeAsync()
    {
        await _schema.InitializeAsync();
        _api = await ApiApp.StartAsync(_schema);
        await _api.WaitForProjectionsAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task Should_say_which_read_model_it_left_and_report_itself_degraded_but_ready()
    {
        await using (var newer = _api.Store.DataSource.CreateCommand($"UPDATE {_schema.Name}.subscriptions SET version = version + 1 WHERE name = 'alerts' RETURNING version"))
            Assert.Equal(4, await newer.ExecuteScalarAsync());
        using var http = _api.Client();

        string? steppedAside = null;
        var noticed = await Until.HoldsAsync(async () =>
        {
            var projections = JsonDocument.Parse(await http.GetStringAsync("/api/projections")).RootElement.EnumerateArray().ToList();
            var alerts = projections.Single(p => p.GetProperty("name").GetString() == "alerts");
            steppedAside = alerts.GetProperty("steppedAside").GetString();
            Assert.All(projections.Where(p => p.GetProperty("name").GetString() != "alerts"),
                p => Assert.Equal(JsonValueKind.Null, p.GetProperty("steppedAside").ValueKind));
            return steppedAside is not null;
        }, TimeSpan.FromSeconds(30));

        Assert.True(noticed, "the API kept following the alerts read model");
        Assert.Equal("the store holds version 4, built by a newer release; this instance runs 3 and does not project it " +
            "(after a rollback: ./monitor projections rebuild alerts with this release)", steppedAside);
        using var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var health = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
    }
}
