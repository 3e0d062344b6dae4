using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Quiet;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts.Alerts;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Quiet;

/// <summary>
/// Quiet hours removed in the middle of a spell: nothing keeps its held alerts back any more, so they go out at the
/// next tick, long before the spell would have ended, named by the spell's end since the hours are gone.
/// </summary>
public sealed class When_quiet_hours_are_removed_during_a_spell(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_release_the_held_alerts_at_the_next_tick()
    {
        await using var spell = await HeldAlertSpell.StartAsync(schema, "SU7 evenings", TimeSpan.FromHours(2));
        spell.Clock.Advance(TimeSpan.FromMinutes(2));
        await spell.Service.Get<HeldAlertsRelease>().ReleaseDueAsync(CancellationToken.None); // what the worker would send now
        Assert.Empty(spell.Receiver.Requests);               // still quiet

        using (var removed = await spell.Admin.PutAsJsonAsync($"/api/subscriptions/{spell.SubscriptionId}/quiet-hours", new { quietHours = (object?)null }))
            Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync());
        await WorkerTicks.UntilAsync(spell.Clock, () => !spell.Receiver.Requests.IsEmpty, "the held alert after the quiet hours were removed");

        var request = Assert.Single(spell.Receiver.Requests);
        Assert.Equal("held-alerts", request.Headers[ChannelFormats.EventHeader]);
        var sent = JsonSerializer.Deserialize<HeldAlerts>(request.Body, ChannelFormats.Json)!;
        Assert.Equal(spell.Alert.AlertId, Assert.Single(sent.Alerts).AlertId);
        Assert.Null(sent.QuietHours);
        Assert.Equal(spell.QuietEnd, sent.QuietUntil);
        Assert.True(spell.Clock.GetUtcNow() < spell.QuietEnd);
    }
}
