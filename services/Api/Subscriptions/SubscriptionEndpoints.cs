using System.Text.Json;
using Monitor.Api.Querying;
using Monitor.Hosting.Access;
using Monitor.ReadModels;
using Monitor.ReadModels.Subscriptions;
using Npgsql;

namespace Monitor.Api.Subscriptions;

public static class SubscriptionEndpoints
{
    public static void MapSubscriptionEndpoints(this RouteGroupBuilder api)
    {
        // Analysts see their own subscriptions; admins and viewers see all. The read model holds no channel targets or secrets.
        api.MapGet("/subscriptions", async (HttpContext http, NpgsqlDataSource dataSource, ReadModelCatalogue readModels, CancellationToken ct) =>
        {
            var caller = http.Caller();
            var where = new SqlWhere();
            if (caller.Role == Roles.Analyst) where.And($"s.data->>'owner' = {where.Add(caller.Owner)}");
            var subscriptions = new List<SubscriptionDocument>();
            await using var cmd = where.Command(dataSource,
                $"SELECT s.data FROM {readModels.Subscriptions.Table} s {where} ORDER BY (s.data->>'createdAt')::timestamptz, s.id");
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                subscriptions.Add(JsonSerializer.Deserialize<SubscriptionDocument>(reader.GetString(0), JsonSerializerOptions.Web)!);
            return Results.Ok(subscriptions);
        })
        .WithName("ListSubscriptions").WithSummary("Alert subscriptions: an analyst's own, or all for admins and viewers. Channels show only id and kind.")
        .Produces<IReadOnlyList<SubscriptionDocument>>();
    }
}
