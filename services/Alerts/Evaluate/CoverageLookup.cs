using System.Text.Json;
using Monitor.Alerts.Rules;
using Monitor.Contracts;
using Monitor.Hosting.Storage;
using Npgsql;

namespace Monitor.Alerts.Evaluate;

/// <summary>
/// Joins scored items with what the rules and alerts need from earlier in their streams: the link
/// (CoverageIngested, with when it was stored), the language and text (ContentExtracted) and a person's correction
/// of the label (SentimentCorrected, the latest one), which the rules judge the item by instead of the model's. One query per batch.
/// </summary>
public sealed class CoverageLookup(EventStore.EventStore store)
{
    public async Task<IReadOnlyList<ScoredItem>> JoinAsync(IReadOnlyList<SentimentScored> scored, bool withText, CancellationToken ct)
    {
        var ids = scored.Select(s => s.CoverageId).Distinct().ToArray();
        var types = withText
            ? new[] { MonitorEventTypes.CoverageIngested, MonitorEventTypes.SentimentCorrected, MonitorEventTypes.ContentExtracted }
            : [MonitorEventTypes.CoverageIngested, MonitorEventTypes.SentimentCorrected];
        var urls = new Dictionary<Guid, string>();
        var ingested = new Dictionary<Guid, DateTimeOffset>();
        var texts = new Dictionary<Guid, (string Language, string Text)>();
        var corrected = new Dictionary<Guid, (DateTimeOffset At, string Label)>();
        await using (var cmd = store.DataSource.CreateCommand(
            $"SELECT stream_id, type, data, timestamp FROM \"{store.Schema}\".events WHERE stream_id = ANY(@ids) AND type = ANY(@types)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter("ids", ids));
            cmd.Parameters.Add(new NpgsqlParameter("types", types));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetGuid(0);
                using var data = JsonDocument.Parse(reader.GetString(2));
                var type = reader.GetString(1);
                if (type == MonitorEventTypes.CoverageIngested)
                {
                    ingested[id] = reader.GetFieldValue<DateTimeOffset>(3);
                    if (data.RootElement.TryGetProperty("url", out var url)) urls[id] = url.GetString() ?? "";
                }
                else if (type == MonitorEventTypes.SentimentCorrected)
                {
                    var correction = data.RootElement.Deserialize<SentimentCorrected>(store.Registry.JsonOptions)!;
                    if (!corrected.TryGetValue(id, out var seen) || seen.At <= correction.At) corrected[id] = (correction.At, correction.Label);
                }
                else if (data.RootElement.TryGetProperty("normalizedText", out var text))
                    texts[id] = (data.RootElement.TryGetProperty("language", out var l) ? l.GetString() ?? "" : "", text.GetString() ?? "");
            }
        }
        return scored.Select(s => ScoredItem.From(corrected.TryGetValue(s.CoverageId, out var c) ? s with { Label = c.Label } : s,
            texts.TryGetValue(s.CoverageId, out var t) ? t.Language : null,
            texts.TryGetValue(s.CoverageId, out var u) ? u.Text : null,
            urls.GetValueOrDefault(s.CoverageId),
            ingested.TryGetValue(s.CoverageId, out var at) ? at : null)).ToArray();
    }
}
