using Monitor.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Monitor.Hosting.Access;

public static class KeyEndpoints
{
    public sealed record IssueKeyRequest(string? Owner, string? Role);

    public static void MapKeyEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/keys", async (IssueKeyRequest request, HttpContext http, ApiKeys keys, CancellationToken ct) =>
        {
            var caller = http.Caller();
            if (!caller.IsAdmin) return CallerExtensions.Forbidden("Only admins issue keys");
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Owner)) errors["owner"] = ["must not be empty"];
            else if (InputLimits.TextProblem(request.Owner) is { } problem) errors["owner"] = [problem];
            if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"must be one of {string.Join(", ", Roles.All)}"];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var key = await keys.IssueAsync(request.Owner!.Trim(), request.Role!, caller, ct);
            return Results.Created((string?)null, new { key, owner = request.Owner.Trim(), role = request.Role });
        });
    }
}
