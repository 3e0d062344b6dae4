using System.Diagnostics;
using MassTransit;
using Monitor.Contracts;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Storage;
using Npgsql;

namespace Monitor.Bench.Pipeline;

/// <summary>What one pass of items through the running services gave.</summary>
public sealed record PipelineResult(int Items, double PublishSeconds, double EndToEndSeconds, double P50, double P95, double P99, double Max)
{
    public double ItemsPerSecond => Items / EndToEndSeconds;
}

/// <summary>
/// Publishes generated CoverageReceived messages onto the bus as a feed does (MassTransit, publisher
/// confirms, many in flight), then waits (bounded) until every item is scored and reads latencies
/// from the events table: CoverageIngested's timestamp to SentimentScored's, per stream. Only events
/// stored since the run began count, so a warm-up run on the same schema does not.
/// </summary>
public sealed class PipelineRun(Uri vhost, NpgsqlDataSource dataSource, string schema)
{
    private const int PublishesInFlight = 1_000;
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    public async Task<PipelineResult> RunAsync(int items, double ratePerSecond, TimeSpan timeout)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var bus = await StartBusAsync();
        try
        {
            var started = DateTimeOffset.UtcNow;
            var stopwatch = Stopwatch.StartNew();
            await PublishAsync(bus, runId, items, ratePerSecond, stopwatch);
            var publishSeconds = stopwatch.Elapsed.TotalSeconds;
            Console.WriteLine($"  published {items:N0} CoverageReceived in {publishSeconds:0.0} s ({items / publishSeconds:N0}/s)");

            await WaitUntilScoredAsync(items, started, timeout, stopwatch);
            return await ResultAsync(items, started, publishSeconds);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private async Task<IBusControl> StartBusAsync()
    {
        var address = RabbitMqAddress.Parse(vhost.ToString(), "bench vhost");
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(address.Host, address.Port, address.VirtualHost, h =>
        {
            h.Username(address.Username);
            h.Password(address.Password);
            h.PublisherConfirmation = true;
            h.ConnectionName("monitor-bench-feed");
        }));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        return bus;
    }

    /// <summary>As fast as the broker confirms (rate 0), or paced to <paramref name="ratePerSecond"/>.</summary>
    private static async Task PublishAsync(IBus bus, string runId, int items, double ratePerSecond, Stopwatch clock)
    {
        // Made as they are sent, so a long run at a steady rate holds only the messages in flight.
        using var window = new SemaphoreSlim(PublishesInFlight);
        var confirmations = new List<Task>(items);
        for (var i = 0; i < items; i++)
        {
            if (ratePerSecond > 0)
            {
                var due = TimeSpan.FromSeconds(i / ratePerSecond);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            }
            await window.WaitAsync();
            confirmations.Add(PublishOneAsync(GeneratedCoverage.Item(runId, i)));
        }
        await Task.WhenAll(confirmations);

        async Task PublishOneAsync(CoverageReceived message)
        {
            try { await bus.Publish(message); }
            finally { window.Release(); }
        }
    }

    private async Task WaitUntilScoredAsync(int items, DateTimeOffset since, TimeSpan timeout, Stopwatch clock)
    {
        var (lastCount, lastProgress, lastPrint) = (-1L, clock.Elapsed, TimeSpan.Zero);
        while (true)
        {
            var scored = await CountAsync(MonitorEventTypes.SentimentScored, since);
            if (scored >= items) return;
            if (scored != lastCount) (lastCount, lastProgress) = (scored, clock.Elapsed);
            if (clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(5))
            {
                lastPrint = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:0} s: ingested {await CountAsync(MonitorEventTypes.CoverageIngested, since):N0}, " +
                                  $"extracted {await CountAsync(MonitorEventTypes.ContentExtracted, since):N0}, scored {scored:N0} of {items:N0}");
            }
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Only {scored:N0} of {items:N0} items were scored within {timeout.TotalSeconds:0} s.");
            if (clock.Elapsed - lastProgress > StallLimit)
                throw new TimeoutException($"No item was scored for {StallLimit.TotalSeconds:0} s (stuck at {scored:N0} of {items:N0}).");
            // Once a second: the figures come from the events' own timestamps, and each look is a scan the database pays for.
            await Task.Delay(1000);
        }
    }

    private async Task<long> CountAsync(string type, DateTimeOffset since)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM \"{schema}\".mt_events WHERE type = $1 AND timestamp >= $2");
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<PipelineResult> ResultAsync(int items, DateTimeOffset started, double publishSeconds)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY latency),
                   max(latency), max(scored_at), count(*)
            FROM (SELECT extract(epoch FROM s.timestamp - i.timestamp)::float8 AS latency, s.timestamp AS scored_at
                  FROM "{schema}".mt_events i
                  JOIN "{schema}".mt_events s ON s.stream_id = i.stream_id AND s.type = $2
                  WHERE i.type = $1 AND i.timestamp >= $3) per_item
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = MonitorEventTypes.CoverageIngested });
        command.Parameters.Add(new NpgsqlParameter { Value = MonitorEventTypes.SentimentScored });
        command.Parameters.Add(new NpgsqlParameter { Value = started });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var percentiles = reader.GetFieldValue<double[]>(0);
        var max = reader.GetDouble(1);
        var lastScored = reader.GetFieldValue<DateTimeOffset>(2);
        var count = reader.GetInt64(3);
        if (count != items)
            throw new InvalidOperationException($"{count:N0} streams have both CoverageIngested and SentimentScored; expected {items:N0}.");
        return new PipelineResult(items, publishSeconds, (lastScored - started).TotalSeconds, percentiles[0], percentiles[1], percentiles[2], max);
    }
}
