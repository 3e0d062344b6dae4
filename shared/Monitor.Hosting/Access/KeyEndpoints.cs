using Monitor.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Monitor.Hosting.Access;

public static class KeyEndpoints
{
    public sealed record IssueKeyRequest(string? Owner, string? Role, string? Name = null);

    /// <summary>The answer to issuing a key: the only time the key itself is shown.</summary>
    public sealed record IssuedKey(string Key, Guid Id, string Owner, string Role, string? Name);

    public const int MaxNameLength = 100;

    public static void MapKeyEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/keys", async (IssueKeyRequest request, HttpContext http, ApiKeys keys, CancellationToken ct) =>
        {
            var caller = http.Caller();
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Owner)) errors["owner"] = ["must not be empty"];
            else if (InputLimits.TextProblem(request.Owner) is { } problem) errors["owner"] = [problem];
            if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"must be one of {string.Join(", ", Roles.All)}"];
            if (request.Name is { Length: > MaxNameLength }) errors["name"] = [$"must be at most {MaxNameLength} characters"];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
            var (key, view) = await keys.IssueAsync(request.Owner!.Trim(), request.Role!, name, caller, ct);
            return Results.Created($"/api/keys/{view.Id}", new IssuedKey(key, view.Id, view.Owner, view.Role, view.Name));
        })
        .RequireRole(AccessPolicies.Admin, "Only admins issue keys")
        .WithName("IssueKey").WithSummary("Issues a key (admins); the answer is the only time the key is shown.");

        api.MapGet("/keys", (ApiKeys keys) => Results.Ok(keys.List()))
            .RequireRole(AccessPolicies.Admin, "Only admins list keys")
            .WithName("ListKeys").WithSummary("Every issued key (admins): id, name, owner, role, when, last four characters and fingerprint; never the key.");

        // Revoked keys stay listed (with when and by whom); revoking twice changes nothing.
        api.MapDelete("/keys/{id:guid}", async (Guid id, HttpContext http, ApiKeys keys, CancellationToken ct) =>
        {
            return await keys.RevokeAsync(id, http.Caller(), ct) is { } revoked
                ? Results.Ok(revoked)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no key {id} (GET /api/keys lists them)");
        })
        .RequireRole(AccessPolicies.Admin, "Only admins revoke keys")
        .WithName("RevokeKey").WithSummary("Revokes a key (admins): every service refuses it within seconds and ends its live streams.");
    }
}
