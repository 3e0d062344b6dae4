using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Monitor.EventStore;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Storage;
using Monitor.Testing;

namespace Monitor.Hosting.Tests.Storage;

/// <summary>MONITOR_EVENTSTORE_MIGRATE=false: the service waits for the schema's owner instead of creating it.</summary>
public sealed class When_a_service_does_not_migrate(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_wait_until_the_owner_has_created_the_schema_and_then_start()
    {
        // The fixture's schema exists but is empty, as it is after deploy/postgres/init and before the relay started.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [MonitorSettings.PostgresVariable] = schema.ConnectionString,
            [MonitorSettings.SchemaVariable] = schema.Name,
            [MonitorSettings.UrlsVariable] = $"http://127.0.0.1:{FreePort()}",
            [MonitorSettings.MigrateVariable] = "false",
            [MonitorSettings.LogFormatVariable] = "text",
        });
        builder.AddMonitorDefaults(MonitorServices.Extraction);
        await using var app = builder.Build();

        var starting = app.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var startedBeforeTheSchema = starting.IsCompleted;
        var tablesBeforeTheOwner = await TableCountAsync();

        await using (var owner = EventStore.EventStore.Create(new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name }, MonitorEventTypes.CreateRegistry()))
            await owner.EnsureSchemaAsync();
        var started = await Task.WhenAny(starting, Task.Delay(TimeSpan.FromSeconds(30))) == starting;

        Assert.False(startedBeforeTheSchema);
        Assert.Equal(0, tablesBeforeTheOwner);
        Assert.True(started, "the service did not start within 30 s of the schema being created");
        await starting;
        await app.StopAsync();
    }

    private async Task<long> TableCountAsync()
    {
        await using var command = schema.DataSource.CreateCommand("SELECT count(*) FROM pg_tables WHERE schemaname = $1");
        command.Parameters.AddWithValue(schema.Name);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
