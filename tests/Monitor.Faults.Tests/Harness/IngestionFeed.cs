using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Contracts;

namespace Monitor.Faults.Tests.Harness;

/// <summary>
/// Posts coverage to ingestion's POST /api/coverage in batches, the way a well-behaved client does
/// under faults: a batch that fails (connection refused while the service restarts, 5xx while the
/// database is down) is posted again until it is accepted, within a time bound. A batch counts as
/// accepted once ingestion answered 202; ingestion is idempotent, so posting it again is harmless.
/// </summary>
public sealed class IngestionFeed(Func<Uri> ingestion)
{
    public const int BatchSize = 200;
    private static readonly TimeSpan BatchPatience = TimeSpan.FromSeconds(120);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<Guid, byte> _accepted = new();
    private int _retries;
    private int _unexplained;

    /// <summary>Coverage streams ingestion accepted so far.</summary>
    public IReadOnlyList<Guid> Accepted() => _accepted.Keys.ToArray();

    public int AcceptedCount => _accepted.Count;

    /// <summary>How many posts failed and were sent again.</summary>
    public int Retries => _retries;

    /// <summary>Failed posts whose answer did not say why (a server error without problem details).</summary>
    public int UnexplainedFailures => _unexplained;

    public async Task PostAsync(IReadOnlyList<CoverageReceived> items, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var batch in items.Chunk(BatchSize))
            await PostBatchAsync(http, batch, ct);
    }

    private async Task PostBatchAsync(HttpClient http, CoverageReceived[] batch, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + BatchPatience;
        string lastFailure = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(new Uri(ingestion(), "/api/coverage"), batch, Json, ct);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    foreach (var item in batch) _accepted.TryAdd(CoverageItems.StreamOf(item), 0);
                    return;
                }
                var body = await response.Content.ReadAsStringAsync(ct);
                if ((int)response.StatusCode is >= 400 and < 500)
                    throw new InvalidOperationException($"ingestion rejected a valid batch with {(int)response.StatusCode}: {body}");
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !body.Contains("\"detail\"", StringComparison.Ordinal))
                    Interlocked.Increment(ref _unexplained);
                lastFailure = $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}";
            }
            catch (Exception e) when (e is HttpRequestException or KeyNotFoundException
                                       || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                lastFailure = e.Message; // the service is down or restarting
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"a batch of {batch.Length} was not accepted within {BatchPatience.TotalSeconds:0} s; last failure: {lastFailure}");
    }
}
