using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Monitor.Hosting.Access;

public static class CallerExtensions
{
    /// <summary>The caller <see cref="ApiKeyAuthentication"/> found for the request's key.</summary>
    public static Caller Caller(this HttpContext context)
    {
        var user = context.User;
        if (user.Identity is not { IsAuthenticated: true, AuthenticationType: ApiKeyAuthentication.Scheme })
            throw new InvalidOperationException("The route is not behind the API key policy (RequireAuthorization(AccessPolicies.Reader))");
        return new Caller(user.Identity.Name!, user.FindFirstValue(ClaimTypes.Role)!,
            user.FindFirstValue(ApiKeyAuthentication.KeyIdClaim) is { } id ? Guid.Parse(id) : null);
    }

    public static IResult Forbidden(string why) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: why);
}
