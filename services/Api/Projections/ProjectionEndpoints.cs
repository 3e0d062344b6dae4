using Monitor.Hosting.Access;
using Monitor.ReadModels;
using Npgsql;

namespace Monitor.Api.Projections;

/// <summary>
/// A read model's state: its progress in the log (null before its first page), how many of its events lie past it,
/// and the projection's version that builds it.
/// </summary>
public sealed record ProjectionView(string Name, string Description, string? Checkpoint, long Lag, RebuildView? Rebuilding, string? Failure, int Version);

public sealed record RebuildView(long Processed, long Total);

public static class ProjectionEndpoints
{
    public static void MapProjectionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projections", async (ReadModelCatalogue catalogue, NpgsqlDataSource dataSource, RebuildTracker rebuilds, ProjectionRunner runner, CancellationToken ct) =>
        {
            var statuses = await catalogue.StatusAsync(dataSource, ct);
            return Results.Ok(statuses.Select(s => new ProjectionView(
                s.Name, s.Description, s.Checkpoint?.ToString(), s.Lag,
                rebuilds.IsRunning(s.Name) ? new RebuildView(rebuilds.Progress(s.Name)?.Processed ?? 0, rebuilds.Progress(s.Name)?.Total ?? 0) : null,
                runner.Failures.GetValueOrDefault(s.Name), s.Version)));
        })
        .WithName("ListProjections").WithSummary("Every read model with its checkpoint, lag, any rebuild in progress and its projection's version.")
        .Produces<IReadOnlyList<ProjectionView>>();

        api.MapPost("/projections/{name}/rebuild", (string name, ReadModelCatalogue catalogue, RebuildTracker rebuilds) =>
        {
            if (catalogue.Find(name) is not { } model)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no read model '{name}'",
                    detail: "Read models: " + string.Join(", ", catalogue.All.Select(m => m.Name)));
            if (!rebuilds.Start(model))
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Read model '{name}' is already being rebuilt");
            return Results.Accepted("/api/projections", new { name, status = "rebuilding" });
        })
        .RequireRole(AccessPolicies.Admin, "Only admins rebuild read models")
        .WithName("RebuildProjection").WithSummary("Clears a read model and replays the log into it while the API keeps serving (admins).")
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
