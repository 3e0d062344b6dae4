using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Monitor.Bench.Alerts;
using Monitor.Testing;
using Monitor.Testing.Processes;

// ./monitor bench alerts [--samples N] [--background items/s] [--interval ms] [--timeout s]
// Starts ingestion, extraction, sentiment, relay and alerts as processes on a fresh schema and vhost, a webhook
// receiver on loopback, one subscription with a negative-reach rule; keeps a steady background load through
// POST /api/coverage and every interval ingests one item that tips the rule; prints the latency from the
// ingest being accepted (202) to the webhook receiving the alert, with the raw floor measured in the same run.
var samples = Option("--samples", 240);
var background = Option("--background", 150);
var interval = TimeSpan.FromMilliseconds(Option("--interval", 500));
var timeout = TimeSpan.FromSeconds(Option("--timeout", 600));
const int WarmUpProbes = 5;
const string AdminKey = "bench-admin-key-0123456789abcdef";
var late = TimeSpan.FromSeconds(30);

Console.WriteLine($"alerts bench: {samples} probes every {interval.TotalMilliseconds:0} ms, background {background} items/s, " +
                  $"{RepositoryRoot.Configuration} build, {Environment.ProcessorCount} cores, load average {MachineLoad.Average()}");

var schema = new PostgresSchema();
var vhost = new RabbitMqVhost();
await schema.InitializeAsync();
await vhost.InitializeAsync();
string[] folders = ["Ingestion", "Extraction", "Sentiment", "Relay", "Alerts"];
var services = new ServiceGroup(new Dictionary<string, string>
{
    ["MONITOR_POSTGRES"] = schema.ConnectionString,
    ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
    ["MONITOR_RABBITMQ"] = vhost.AmqpUri.ToString(),
    ["MONITOR_ADMIN_KEY"] = AdminKey,
    ["MONITOR_ALERTS_ALLOWED_ADDRESSES"] = "127.0.0.1",
});
await using var receiver = await WebhookReceiver.StartAsync();
using var stopLoad = new CancellationTokenSource();
var benchDeadline = Stopwatch.StartNew();
try
{
    // The floor: this process POSTing an alert-sized body to the receiver and getting its answer, nothing else.
    using var direct = new HttpClient { BaseAddress = new Uri(receiver.Url), Timeout = TimeSpan.FromSeconds(10) };
    var floor = await DirectRoundTripsAsync(direct, 200);
    Console.WriteLine($"raw floor, direct POST to the webhook receiver (2 KB): {floor}");

    Console.WriteLine("starting ingestion, extraction, sentiment, relay, alerts ...");
    await services.StartAsync(folders, TimeSpan.FromSeconds(120));
    var cpuBefore = CpuTimes().ToDictionary(c => c.Name, c => c.Cpu);

    using var alerts = new HttpClient { BaseAddress = services["Alerts"].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    alerts.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
    // One subscription per platform, each probe on the next platform: an alert cools its rule down for the rest of
    // its 15-minute window, so each probe must fall in a window of its own, and ingestion takes nothing published
    // more than a day ahead; four platforms give four times the windows.
    foreach (var platform in BenchCoverage.ProbePlatforms)
    {
        using var created = await alerts.PostAsJsonAsync("/api/subscriptions", new
        {
            name = $"bench: one large negative mention on {platform}",
            scope = new { platforms = new[] { platform } },
            rules = new[] { new { ruleId = "reach", kind = "negative-reach", window = "00:15:00", threshold = BenchCoverage.ReachThreshold, cooldown = "00:00:00" } },
            channels = new[] { new { channelId = "hook", kind = "webhook", target = receiver.Url + "/alerts", secret = "bench-secret" } },
        });
        if (!created.IsSuccessStatusCode)
            throw new InvalidOperationException($"creating the subscription failed: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
    }

    var runId = Guid.NewGuid().ToString("N")[..8];
    using var ingestion = new HttpClient { BaseAddress = services["Ingestion"].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    using var probeClient = new HttpClient { BaseAddress = services["Ingestion"].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    var load = new BackgroundLoad(ingestion, runId, background);
    var loadTask = Task.Run(() => load.RunAsync(stopLoad.Token));
    await Task.Delay(TimeSpan.FromSeconds(10)); // the background reaches a steady state before anything is timed
    Console.WriteLine($"background: {load.AchievedPerSecond:0} items/s accepted after 10 s");

    // Probes are dated one rule window apart per platform from a start just after the subscriptions were created.
    // The first few warm the path through every service (JIT, connections, a backlog from the start) and are not timed:
    // timing starts once they have all arrived (or a minute has passed).
    var firstProbeAt = DateTimeOffset.UtcNow.AddMinutes(1);
    var warmUp = new List<Task<(double? LatencyMs, double AcceptMs)>>();
    for (var n = 0; n < WarmUpProbes; n++)
    {
        warmUp.Add(ProbeAsync(n, BenchCoverage.ProbeTime(firstProbeAt, n), TimeSpan.FromSeconds(60)));
        await Task.Delay(interval);
    }
    var warmed = await Task.WhenAll(warmUp);
    Console.WriteLine($"warm-up: {warmed.Count(w => w.LatencyMs is not null)} of {WarmUpProbes} probes arrived; background {load.AchievedPerSecond:0} items/s");

    var probes = new List<Task<(double? LatencyMs, double AcceptMs)>>();
    var timedFrom = DateTimeOffset.UtcNow;
    var paced = Stopwatch.StartNew();
    for (var i = 0; i < samples && benchDeadline.Elapsed < timeout; i++)
    {
        var due = interval * i;
        if (due > paced.Elapsed) await Task.Delay(due - paced.Elapsed);
        var n = WarmUpProbes + i;
        probes.Add(ProbeAsync(n, BenchCoverage.ProbeTime(firstProbeAt, n), late));
        if ((i + 1) % 50 == 0)
            Console.WriteLine($"  {i + 1} probes sent, {receiver.Received - WarmUpProbes} alerts received, background {load.AchievedPerSecond:0} items/s");
    }
    var outcomes = await Task.WhenAll(probes);
    await stopLoad.CancelAsync();
    await loadTask;

    var measured = outcomes;
    var latencies = measured.Where(o => o.LatencyMs is not null).Select(o => o.LatencyMs!.Value).ToArray();
    var result = Percentiles.Of(latencies);
    var accept = Percentiles.Of(measured.Select(o => o.AcceptMs).ToArray());
    var lost = measured.Length - latencies.Length;

    Console.WriteLine("service CPU during the run: " + string.Join(", ",
        CpuTimes().Select(c => $"{c.Name.ToLowerInvariant()} {(c.Cpu - cpuBefore.GetValueOrDefault(c.Name)).TotalSeconds:0.0} s")));
    Console.WriteLine($"background load: {load.AchievedPerSecond:0} items/s accepted on average ({load.Accepted:N0} items, {load.Failed:N0} refused or failed)");
    Console.WriteLine($"ingest POST of a probe until 202: {accept}");
    foreach (var (stage, figures) in await StageBreakdown.ReadAsync(schema.DataSource, schema.Name, timedFrom))
        Console.WriteLine($"  stage {stage}: {figures}");
    if (lost > 0) Console.WriteLine($"{lost} probes got no alert within {late.TotalSeconds:0} s (left out of the percentiles)");
    Console.WriteLine($"raw floor, direct POST to the webhook receiver: p50={floor.P50:0.00} p99={floor.P99:0.00} ms");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"alerts latency: p50={result.P50:0} p95={result.P95:0} p99={result.P99:0} ms (n={result.Count}, background={load.AchievedPerSecond:0} items/s)"));
    Console.WriteLine($"target p99 < 2000 ms: {(result.Count > 0 && lost == 0 && result.P99 < 2000 ? "met" : "missed")}");
    Console.WriteLine($"load average after: {MachineLoad.Average()}");
    return 0;

    async Task<(double? LatencyMs, double AcceptMs)> ProbeAsync(int n, DateTimeOffset publishedAt, TimeSpan wait)
    {
        var (body, url) = BenchCoverage.Probe(runId, n, publishedAt);
        var arrival = receiver.ArrivalOf(url);
        var started = Stopwatch.GetTimestamp();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using var response = await probeClient.PostAsync("/api/coverage", content);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"probe {n} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (TaskCanceledException)
        {
            // Ingestion did not answer within the client's timeout: the probe counts as lost.
            Console.WriteLine($"  probe {n}: ingestion did not answer within {probeClient.Timeout.TotalSeconds:0} s");
            return (null, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var accepted = Stopwatch.GetTimestamp();
        var acceptMs = Stopwatch.GetElapsedTime(started, accepted).TotalMilliseconds;
        if (await Task.WhenAny(arrival, Task.Delay(wait)) != arrival) return (null, acceptMs);
        return (Stopwatch.GetElapsedTime(accepted, await arrival).TotalMilliseconds, acceptMs);
    }
}
catch (Exception e)
{
    Console.Error.WriteLine($"alerts bench failed: {e}\n{services.Output()}");
    return 1;
}
finally
{
    await stopLoad.CancelAsync();
    await services.DisposeAsync();
    await vhost.DisposeAsync();
    await schema.DisposeAsync();
}

// Processor time each service used so far (to see which one is the busy one); a service that exited is left out.
IEnumerable<(string Name, TimeSpan Cpu)> CpuTimes() =>
    folders.Select(f => (Name: f, Cpu: services[f].ProcessorTime())).Where(c => c.Cpu is not null).Select(c => (c.Name, c.Cpu!.Value));

static async Task<Percentiles> DirectRoundTripsAsync(HttpClient http, int count)
{
    var body = new string('x', 2_000);
    var times = new List<double>(count);
    for (var i = 0; i < count + 20; i++)
    {
        using var content = new StringContent($"{{\"pad\":\"{body}\"}}", Encoding.UTF8, "application/json");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/echo", content);
        response.EnsureSuccessStatusCode();
        if (i >= 20) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); // the first 20 warm the connection and JIT
    }
    return Percentiles.Of(times);
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    if (i < 0) return fallback;
    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        throw new ArgumentException($"{name} needs a non-negative whole number (got '{(i + 1 < args.Length ? args[i + 1] : "")}').");
    return value;
}

