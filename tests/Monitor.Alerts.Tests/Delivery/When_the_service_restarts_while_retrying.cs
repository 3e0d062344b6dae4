using System.Net;
using Monitor.Alerts.Delivery;
using Monitor.Contracts.Alerts;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Delivery;

/// <summary>Each failed attempt is stored with the next one's time, so a restart goes on with the schedule, not from its start.</summary>
public sealed class When_the_service_restarts_while_retrying(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_resume_the_retry_schedule_where_the_log_left_it()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var scenario = await DeliveryScenario.StartAsync(schema, "10s,20s", ("hook", receiver.Url + "/hook"));
        receiver.Answer(HttpStatusCode.ServiceUnavailable);
        var alert = await scenario.RaiseAsync();
        var retrying = await scenario.WaitForAsync(alert.AlertId, "hook", AlertDeliveryStates.Retrying, attempts: 1);
        Assert.Equal(scenario.Clock.GetUtcNow() + TimeSpan.FromSeconds(10), retrying.GetProperty("nextAttemptAt").GetDateTimeOffset());

        await scenario.RestartAsync();
        scenario.Clock.Advance(TimeSpan.FromSeconds(10));
        var delivered = await scenario.WaitForAsync(alert.AlertId, "hook", AlertDeliveryStates.Delivered);

        // The second attempt of the schedule, not a first one again: the restart read attempt 1 from the log.
        Assert.Equal(2, delivered.GetProperty("attempts").GetInt32());
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers[DeliveryIds.Header]).Distinct());
        Assert.Equal(["alert-raised", "alert-delivery-scheduled", "alert-delivery-retrying", "alert-delivered"], await scenario.StreamAsync(alert.AlertId));
    }
}
