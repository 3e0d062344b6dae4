using System.Text.Json;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Quiet;
using Monitor.Alerts.Tests.Support;
using Monitor.Contracts.Alerts;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Quiet;

/// <summary>
/// A subscription paused when its quiet hours end gets nothing (pausing stops every message); resumed soon
/// after, it gets the spell's held alerts then.
/// </summary>
public sealed class When_the_quiet_hours_end_while_paused(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_send_nothing_while_the_subscription_is_paused_and_the_spell_once_it_is_resumed()
    {
        await using var spell = await HeldAlertSpell.StartAsync(schema, "SU7 paused", TimeSpan.FromMinutes(30));
        using (var paused = await spell.Admin.PostAsync($"/api/subscriptions/{spell.SubscriptionId}/pause", null))
            Assert.True(paused.IsSuccessStatusCode);

        spell.Clock.Advance(spell.QuietEnd - spell.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.Empty(await spell.Service.Get<HeldAlertsRelease>().ReleaseDueAsync(CancellationToken.None));
        Assert.Empty(spell.Receiver.Requests);

        using (var resumed = await spell.Admin.PostAsync($"/api/subscriptions/{spell.SubscriptionId}/resume", null))
            Assert.True(resumed.IsSuccessStatusCode);
        await WorkerTicks.UntilAsync(spell.Clock, () => !spell.Receiver.Requests.IsEmpty, "the held alert after the resume");
        var sent = JsonSerializer.Deserialize<HeldAlerts>(Assert.Single(spell.Receiver.Requests).Body, ChannelFormats.Json)!;
        Assert.Equal(spell.Alert.AlertId, Assert.Single(sent.Alerts).AlertId);
    }
}
