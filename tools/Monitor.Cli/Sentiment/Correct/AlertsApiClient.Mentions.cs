using System.Net.Http.Json;
using Monitor.Cli.Sentiment.Correct;

namespace Monitor.Cli.Subscriptions;

/// <summary>The query API's sentiment correction (admin and analyst keys).</summary>
public sealed partial class AlertsApiClient
{
    /// <summary>Sending the same correction again stores nothing more, so a lost answer may be retried like a read.</summary>
    public Task<SentimentCorrection> CorrectSentimentAsync(Guid mentionId, string label, string? note, CancellationToken ct) =>
        SendAsync<SentimentCorrection>(_reads, () => new HttpRequestMessage(HttpMethod.Post, $"/api/mentions/{mentionId}/sentiment")
        {
            Content = JsonContent.Create(new { label, note }, options: Json),
        }, $"mention {mentionId}", ct);
}
