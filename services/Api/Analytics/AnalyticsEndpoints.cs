using Monitor.Api.Querying;

namespace Monitor.Api.Analytics;

public static class AnalyticsEndpoints
{
    public const int DefaultAuthorLimit = 20;
    public const int MaxAuthorLimit = 200;

    private static readonly string[] EntityTypes = ["brand", "product", "person", "competitor"];

    public static void MapAnalyticsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/timeline", async ([AsParameters] MentionFilterQuery query, string? bucket, AnalyticsQueries analytics, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new QueryErrors();
            var filter = MentionFilter.Parse(query, errors, clock.GetUtcNow());
            var size = Bucket.Parse(bucket, errors);
            return errors.Any ? errors.ToResult() : Results.Ok(await analytics.TimelineAsync(filter, size, ct));
        })
        .WithName("SentimentTimeline").WithSummary("Scored mentions per bucket (minute, hour or day, UTC) and platform, by sentiment.")
        .Produces<IReadOnlyList<TimelinePoint>>();

        api.MapGet("/volume", async ([AsParameters] MentionFilterQuery query, string? bucket, AnalyticsQueries analytics, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new QueryErrors();
            var filter = MentionFilter.Parse(query, errors, clock.GetUtcNow());
            var size = Bucket.Parse(bucket, errors);
            return errors.Any ? errors.ToResult() : Results.Ok(await analytics.VolumeAsync(filter, size, ct));
        })
        .WithName("Volume").WithSummary("Scored mentions per bucket, all platforms together.")
        .Produces<IReadOnlyList<VolumePoint>>();

        api.MapGet("/range", async ([AsParameters] MentionFilterQuery query, AnalyticsQueries analytics, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new QueryErrors();
            var filter = MentionFilter.Parse(query, errors, clock.GetUtcNow());
            return errors.Any ? errors.ToResult() : Results.Ok(await analytics.RangeAsync(filter, ct));
        })
        .WithName("MentionRange").WithSummary("The earliest and latest publication time of the mentions, and how many there are.")
        .Produces<MentionRange>();

        api.MapGet("/entities/share", async ([AsParameters] MentionFilterQuery query, string? type, AnalyticsQueries analytics, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new QueryErrors();
            var filter = MentionFilter.Parse(query, errors, clock.GetUtcNow());
            var entityType = string.IsNullOrWhiteSpace(type) ? null : type.Trim().ToLowerInvariant();
            if (entityType is not null && !EntityTypes.Contains(entityType))
                errors.Add("type", $"'{type}' is not an entity type; use one of {string.Join(", ", EntityTypes)}");
            return errors.Any ? errors.ToResult() : Results.Ok(await analytics.EntityShareAsync(filter, entityType, ct));
        })
        .WithName("EntityShare").WithSummary("Share of voice: each entity's mentions over those of all entities compared (entity chooses them).")
        .Produces<IReadOnlyList<EntityShare>>();

        api.MapGet("/authors/top", async ([AsParameters] MentionFilterQuery query, string? limit, AnalyticsQueries analytics, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new QueryErrors();
            var filter = MentionFilter.Parse(query, errors, clock.GetUtcNow());
            var count = DefaultAuthorLimit;
            if (limit is not null && (!int.TryParse(limit, out count) || count < 1 || count > MaxAuthorLimit))
                errors.Add("limit", $"must be a whole number from 1 to {MaxAuthorLimit}, not '{limit}'");
            return errors.Any ? errors.ToResult() : Results.Ok(await analytics.TopAuthorsAsync(filter, count, ct));
        })
        .WithName("TopAuthors").WithSummary("Authors by the reach of their matching mentions.")
        .Produces<IReadOnlyList<TopAuthor>>();
    }
}
