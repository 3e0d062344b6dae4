using System.Net;
using System.Text.Json;
using Monitor.Pipeline.Tests.Infrastructure;
using Monitor.Testing;
using Monitor.Testing.Processes;
using Xunit.Abstractions;

namespace Monitor.Pipeline.Tests.Settings;

public class When_the_broker_is_unreachable(PostgresSchema schema, ITestOutputHelper output) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task The_service_should_be_live_but_not_ready()
    {
        var vhost = new RabbitMqVhost(); // never created: only its name is used, on a port where no broker listens
        var nowhere = new UriBuilder(vhost.AmqpUri) { Port = FreePort.Next() }.Uri.ToString();
        await using var processes = new PipelineProcesses(schema, vhost, new Dictionary<string, string> { ["MONITOR_RABBITMQ"] = nowhere });
        try
        {
            processes.StartWithoutWaiting(PipelineProcesses.Extraction);
            var service = processes[PipelineProcesses.Extraction];
            await service.WaitUntilLiveAsync(PipelineProcesses.ReadyTimeout);
            using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

            using var ready = await http.GetAsync("/health/ready");
            using var live = await http.GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            var checks = report.RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks.GetProperty("queue coverage-ingested").GetProperty("status").GetString());
        }
        catch
        {
            output.WriteLine(processes.Output());
            throw;
        }
    }
}
