using System.Globalization;
using Monitor.Bench.Pipeline;
using Monitor.Testing;
using Monitor.Testing.Processes;

// ./monitor bench pipeline [--items N] [--warmup N] [--rate items/s] [--timeout seconds] [--duration seconds]
// Starts the four services as processes on a fresh schema and vhost, runs the raw limits, pushes
// a warm-up pass through (not counted: the services' JIT tiers up their hot paths meanwhile), then
// the measured items, prints throughput, latency percentiles and ratios, then cleans up.
// --duration S: a steady load instead (--rate items/s, default 100, for S seconds) while every
// service's memory is sampled every 30 s; prints the table and each service's slope.
var duration = Option("--duration", 0);
var rate = Option("--rate", duration > 0 ? 100 : 0);
if (duration > 0 && rate == 0) throw new ArgumentException("--duration needs a steady --rate above 0 (items/s).");
var items = duration > 0 ? duration * rate : Option("--items", 20_000);
var warmup = Option("--warmup", duration > 0 ? 0 : 10_000);
var sampleEvery = TimeSpan.FromSeconds(30);
var timeout = TimeSpan.FromSeconds(Option("--timeout", Math.Max(180, items / 50)));

Console.WriteLine($"pipeline bench: {items:N0} items, {(rate > 0 ? $"published at {rate:N0}/s" : "published as fast as the broker confirms")}, " +
                  $"{RepositoryRoot.Configuration} build, {Environment.ProcessorCount} cores, load average {MachineLoad.Average()}");

var schema = new PostgresSchema();
var vhost = new RabbitMqVhost();
await schema.InitializeAsync();
await vhost.InitializeAsync();
var environment = new Dictionary<string, string>
{
    ["MONITOR_POSTGRES"] = schema.ConnectionString,
    ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
    ["MONITOR_RABBITMQ"] = vhost.AmqpUri.ToString(),
};
string[] folders = ["Ingestion", "Extraction", "Sentiment", "Relay"];
var services = new ServiceGroup(environment);
var heapFiles = new HeapFiles();
try
{
    Console.WriteLine("raw limits (measured now, same machine):");
    var rabbit = await RawLimits.RabbitMqPublishConfirmConsumeAsync(vhost.AmqpUri, messages: 20_000, bodyBytes: 1_500, timeout: TimeSpan.FromSeconds(120));
    Console.WriteLine($"  RabbitMQ.Client publish-confirm-consume, quorum queue, 1.5 KB: {rabbit,10:N0} msg/s");
    var postgres = await RawLimits.PostgresBatchedInsertAsync(schema.DataSource, schema.Name, batchSize: 100, connections: 1, payloadChars: 300, duration: TimeSpan.FromSeconds(5));
    Console.WriteLine($"  Npgsql batched INSERT (100 rows per transaction, 1 connection):  {postgres,10:N0} rows/s");

    Console.WriteLine("starting ingestion, extraction, sentiment, relay ...");
    await services.StartAsync(folders, TimeSpan.FromSeconds(90), heapFiles.SettingsFor);
    var run = new PipelineRun(vhost.AmqpUri, schema.DataSource, schema.Name);
    if (warmup > 0)
    {
        Console.WriteLine($"warm-up ({warmup:N0} items, not counted):");
        var warm = await run.RunAsync(warmup, 0, timeout);
        Console.WriteLine($"  warm-up: {warm.ItemsPerSecond:0} items/s");
    }
    Console.WriteLine($"measured run ({items:N0} items):");
    var cpuBefore = CpuTimes().ToDictionary(c => c.Name, c => c.Cpu);
    var infrastructureBefore = InfrastructureCpu.Read();

    var memory = new MemorySampler(services, folders, heapFiles);
    using var sampling = new CancellationTokenSource();
    var sampler = duration > 0 ? SampleMemoryAsync(memory, sampling.Token) : Task.CompletedTask;
    PipelineResult result;
    try { result = await run.RunAsync(items, rate, timeout); }
    finally
    {
        await sampling.CancelAsync();
        await sampler;
    }
    if (duration > 0) memory.Print(Console.Out);

    var cpuUsed = CpuTimes().Select(c => (c.Name, Cpu: c.Cpu - cpuBefore.GetValueOrDefault(c.Name))).ToList();
    Console.WriteLine("service CPU during the run: " + string.Join(", ",
        cpuUsed.Select(c => $"{c.Name.ToLowerInvariant()} {c.Cpu.TotalSeconds:0.0} s")));
    // Processor time per item is what a busy, shared machine does not distort: compare changes with it.
    Console.WriteLine("service CPU per item: " + string.Join(", ",
        cpuUsed.Select(c => $"{c.Name.ToLowerInvariant()} {c.Cpu.TotalMilliseconds / items:0.000} ms")) +
        $", total {cpuUsed.Sum(c => c.Cpu.TotalMilliseconds) / items:0.000} ms");
    Console.WriteLine("broker and database CPU per item: " + string.Join(", ", InfrastructureCpu.Read().Select(c =>
        $"{c.Key} {(c.Value - infrastructureBefore[c.Key]).TotalMilliseconds / items:0.000} ms")));
    Console.WriteLine($"latency CoverageIngested -> SentimentScored: p50 {Ms(result.P50)}, p95 {Ms(result.P95)}, p99 {Ms(result.P99)}, max {Ms(result.Max)}");
    Console.WriteLine($"first publish -> last scored: {result.EndToEndSeconds:0.00} s for {result.Items:N0} items");
    // Each item is 4 broker messages (CoverageReceived + three relayed events) and 3 stored events.
    Console.WriteLine($"ratio to RabbitMQ raw: {result.ItemsPerSecond / rabbit:0.00} (items per raw message; {4 * result.ItemsPerSecond / rabbit:0.00} counting 4 messages per item)");
    Console.WriteLine($"ratio to PostgreSQL raw: {result.ItemsPerSecond / postgres:0.00} (items per raw row; {3 * result.ItemsPerSecond / postgres:0.00} counting 3 events per item)");
    Console.WriteLine($"load average after: {MachineLoad.Average()}");
    Console.WriteLine($"end-to-end: {result.ItemsPerSecond:0} items/s");
    return 0;
}
catch (Exception e) when (e is TimeoutException or InvalidOperationException)
{
    Console.Error.WriteLine($"pipeline bench failed: {e.Message}");
    Console.Error.WriteLine(services.Output());
    return 1;
}
finally
{
    await services.DisposeAsync();
    heapFiles.Dispose();
    await vhost.DisposeAsync();
    await schema.DisposeAsync();
}

// Processor time each service used so far (to see which one is the busy one); a service that exited is left out.
IEnumerable<(string Name, TimeSpan Cpu)> CpuTimes() =>
    folders.Select(f => (Name: f, Cpu: services[f].ProcessorTime())).Where(c => c.Cpu is not null).Select(c => (c.Name, c.Cpu!.Value));

async Task SampleMemoryAsync(MemorySampler memory, CancellationToken ct)
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    using var timer = new PeriodicTimer(sampleEvery);
    memory.Sample(TimeSpan.Zero);
    try
    {
        while (await timer.WaitForNextTickAsync(ct))
            memory.Sample(TimeSpan.FromSeconds(Math.Round(clock.Elapsed.TotalSeconds)));
    }
    catch (OperationCanceledException) { }
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    if (i < 0) return fallback;
    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        throw new ArgumentException($"{name} needs a non-negative whole number (got '{(i + 1 < args.Length ? args[i + 1] : "")}').");
    return value;
}

static string Ms(double seconds) => $"{seconds * 1000:N0} ms";

