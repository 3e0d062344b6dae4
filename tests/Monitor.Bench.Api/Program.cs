using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Monitor.Api;
using Monitor.Bench.Api;
using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.ReadModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Testing;

// ./monitor bench api [--quick] [--items N]: how fast the read models catch up with and rebuild from the
// log, next to a plain read of the same log in the same run, and how long the API's queries take over
// HTTP on that data. Prints figures; asserts no times.

var quick = args.Contains("--quick");
var items = args.SkipWhile(a => a != "--items").Skip(1).Select(int.Parse).FirstOrDefault(quick ? 3_000 : 20_000);
var samples = quick ? 7 : 21;
var connectionString = Environment.GetEnvironmentVariable("MONITOR_POSTGRES")
    ?? "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor";
var schema = $"bench_{Guid.NewGuid():N}"[..20];
const string adminKey = "bench-admin-key-0123456789abcdef";

Console.WriteLine($"API benchmark in schema {schema}: {items:N0} coverage items ({items * 3:N0} events), {samples} samples per query, medians shown; load average {MachineLoad.Average()}");
var port = FreePort();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["MONITOR_POSTGRES"] = connectionString, ["MONITOR_EVENTSTORE_SCHEMA"] = schema, ["MONITOR_ADMIN_KEY"] = adminKey,
    ["MONITOR_LOG_FORMAT"] = "text", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
});
builder.AddMonitorDefaults(ApiHosting.ServiceName);
builder.AddApi();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapMonitorDefaults();
app.MapApi();
await app.StartAsync();
var store = app.Services.GetRequiredService<Monitor.EventStore.EventStore>();
var catalogue = app.Services.GetRequiredService<ReadModelCatalogue>();
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
try
{
    while (!(await http.GetAsync("/health/ready")).IsSuccessStatusCode) await Task.Delay(200);

    // 1. Append while the projections follow live.
    var clock = Stopwatch.StartNew();
    foreach (var chunk in BenchCorpus.Streams(items).Chunk(100))
        await store.AppendBatchAsync(chunk);
    var appendSeconds = clock.Elapsed.TotalSeconds;
    await CaughtUpAsync();
    var liveSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"append, batches of 100 streams            {items * 3 / appendSeconds,10:N0} events/s");
    Console.WriteLine($"7 read models caught up with the appends   {items * 3 / liveSeconds,10:N0} events/s  (all done {liveSeconds - appendSeconds:N1} s after the last append)");

    // 2. The yardstick: reading the same log with the store's own reader, no read model written.
    await store.AdvanceHighWaterMarkAsync(); // this process runs no daemon: move the mark the reader stops at
    clock.Restart();
    var position = GlobalPosition.Start;
    long read = 0;
    while (true)
    {
        var page = await store.ReadAllAsync(position, 500);
        if (page.Count == 0) break;
        read += page.Count;
        position = page[^1].Position;
    }
    var rawRate = read / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"raw: ReadAllAsync of the whole log, 500/page {rawRate,10:N0} events/s");

    // 3. Rebuild each read model alone.
    Console.WriteLine();
    foreach (var model in catalogue.All)
    {
        var types = model.Projection.EventTypes;
        clock.Restart();
        (await http.PostAsync($"/api/projections/{model.Name}/rebuild", null)).EnsureSuccessStatusCode();
        await CaughtUpAsync(model.Name);
        var events = await CountAsync(types);
        Console.WriteLine($"rebuild {model.Name,-20} {events,8:N0} events  {events / clock.Elapsed.TotalSeconds,10:N0} events/s  ({events / clock.Elapsed.TotalSeconds / rawRate:P0} of raw read)");
    }

    // 4. Queries over HTTP.
    Console.WriteLine();
    Console.WriteLine($"{"query",-72} {"median",8} {"p90",8}");
    string[] queries =
    [
        "/api/mentions", "/api/mentions?page=100", "/api/mentions?q=续航", "/api/mentions?q=刹车问题", "/api/mentions?q=battery%20range",
        "/api/mentions?entity=byd&platform=weibo", "/api/mentions?sentiment=negative&from=2024-03-10T00:00:00Z&to=2024-03-12T00:00:00Z",
        "/api/timeline?bucket=hour", "/api/timeline?bucket=day&platform=weibo", "/api/timeline?bucket=hour&entity=xiaomi-su7",
        "/api/volume?bucket=day", "/api/entities/share", "/api/entities/share?type=competitor&sentiment=negative",
        "/api/authors/top", "/api/range", "/api/projections",
    ];
    foreach (var query in queries)
    {
        var times = new List<double>();
        for (var n = 0; n < samples; n++)
        {
            clock.Restart();
            using var response = await http.GetAsync(query);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{query,-72} {times[times.Count / 2],6:N1}ms {times[(int)(times.Count * 0.9)],6:N1}ms");
    }
    clock.Restart();
    var exported = (await http.GetStringAsync("/api/mentions/export?format=csv")).Count(c => c == '\n') - 1;
    Console.WriteLine($"export of every mention as CSV: {exported:N0} rows in {clock.Elapsed.TotalSeconds:N2} s ({exported / clock.Elapsed.TotalSeconds:N0} rows/s)");
    return 0;
}
finally
{
    await app.StopAsync();
    await using var drop = store.DataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
    await drop.ExecuteNonQueryAsync();
    await app.DisposeAsync();
}

async Task CaughtUpAsync(string? only = null)
{
    var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
    while (DateTime.UtcNow < deadline)
    {
        var statuses = await catalogue.StatusAsync(store.DataSource);
        var projections = await http.GetStringAsync("/api/projections");
        if (statuses.Where(s => only is null || s.Name == only).All(s => s.Checkpoint is not null && s.Lag == 0) && !projections.Contains("\"processed\""))
            return;
        await Task.Delay(50);
    }
    throw new TimeoutException("the read models did not catch up within 10 minutes");
}

async Task<long> CountAsync(IReadOnlyCollection<string>? types)
{
    await using var cmd = store.DataSource.CreateCommand($"SELECT count(*) FROM {schema}.mt_events WHERE type = ANY($1)");
    cmd.Parameters.AddWithValue((types ?? []).ToArray());
    return (long)(await cmd.ExecuteScalarAsync())!;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
