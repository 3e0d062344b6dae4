using System.Text.Json;
using Monitor.ReadModels;
using Monitor.ReadModels.Feeds;
using Npgsql;

namespace Monitor.Api.Feeds;

/// <summary>A feed's health: status is ok, degraded, failing or silent (see FeedDocument.StatusAt).</summary>
/// <param name="PagesRefused">Pages refused whole (login walls, captchas, cut-off answers) since the feed's first event.</param>
/// <param name="LastPageRefused">Why a page of its last cycle was refused; null when its last cycle refused none.</param>
public sealed record FeedView(
    string Feed,
    string Platform,
    string Source,
    string Status,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? LastFailureAt,
    string? LastError,
    int ConsecutiveFailures,
    long ItemsPublished,
    long Quarantined,
    long PagesRefused,
    string? LastPageRefused);

public static class FeedEndpoints
{
    public static void MapFeedEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/feeds", async (NpgsqlDataSource dataSource, ReadModelCatalogue readModels, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var feeds = new List<FeedView>();
            await using var cmd = dataSource.CreateCommand($"SELECT data FROM {readModels.Feeds.Table} ORDER BY data->>'feed'");
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var f = JsonSerializer.Deserialize<FeedDocument>(reader.GetString(0), JsonSerializerOptions.Web)!;
                // A failure newer than the last heartbeat is the one to show; once a heartbeat follows, it is history.
                var error = f.ConsecutiveFailures > 0 ? f.LastError : null;
                feeds.Add(new FeedView(f.Feed, f.Platform, f.Source, f.StatusAt(now), f.RegisteredAt, f.LastHeartbeatAt, f.LastFailureAt,
                    error, f.ConsecutiveFailures, f.ItemsPublished, f.Quarantined, f.PagesRefused,
                    f.LastCyclePagesRefused > 0 ? f.LastPageRefused : null));
            }
            return Results.Ok(feeds);
        })
        .WithName("ListFeeds").WithSummary("Every feed with its status (ok, degraded, failing, silent), last heartbeat, last error and counts.")
        .Produces<IReadOnlyList<FeedView>>();
    }
}
