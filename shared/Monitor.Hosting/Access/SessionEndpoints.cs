using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Monitor.Hosting.Access;

/// <summary>
/// Browser sessions: POST /api/session with <c>{ "key": "..." }</c> puts the key in an HttpOnly, SameSite=Strict
/// cookie, which ApiKeyAuthentication accepts when no header is sent; DELETE /api/session removes it. Map these outside
/// the key-filtered group: signing in is how a browser gets its key accepted.
/// </summary>
public static class SessionEndpoints
{
    public sealed record SessionRequest(string? Key);

    public sealed record SessionView(string Owner, string Role);

    public static void MapSessionEndpoints(this IEndpointRouteBuilder app, string path = "/api/session")
    {
        app.MapPost(path, async (SessionRequest? request, HttpContext http, ApiKeys keys, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request?.Key))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["key"] = ["must not be empty"] },
                    title: "The request's key is missing");
            var caller = await keys.FindAsync(request.Key.Trim(), ct);
            if (caller is null)
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The key is not known");
            http.Response.Cookies.Append(ApiKeys.Cookie, request.Key.Trim(), Options(http));
            return Results.Ok(new SessionView(caller.Owner, caller.Role));
        })
        .WithName("StartSession").WithSummary("Signs a browser in: sets the HttpOnly, SameSite=Strict monitor_key cookie.");

        app.MapDelete(path, (HttpContext http) =>
        {
            http.Response.Cookies.Delete(ApiKeys.Cookie, Options(http));
            return Results.NoContent();
        })
        .WithName("EndSession").WithSummary("Signs a browser out: removes the monitor_key cookie.");
    }

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
