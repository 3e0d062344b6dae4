using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Monitor.Hosting.Access;

/// <summary>The authorization policies of the API, one per role it takes: any key, a key that writes, an admin's key.</summary>
public static class AccessPolicies
{
    /// <summary>Any known key: admin, analyst or viewer (every /api route).</summary>
    public const string Reader = "reader";
    /// <summary>Admins and analysts.</summary>
    public const string Writer = "writer";
    /// <summary>Admins only.</summary>
    public const string Admin = "admin";

    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Reader, Roles.All.ToArray())
        .AddPolicy(Writer, Roles.Admin, Roles.Analyst)
        .AddPolicy(Admin, Roles.Admin);

    private static AuthorizationBuilder AddPolicy(this AuthorizationBuilder authorization, string name, params string[] roles) =>
        authorization.AddPolicy(name, policy => policy.AddAuthenticationSchemes(ApiKeyAuthentication.Scheme).RequireRole(roles));

    /// <summary>Only callers whose key has one of <paramref name="policy"/>'s roles; the others get 403 saying <paramref name="forbidden"/>.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder endpoint, string policy, string forbidden) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy).WithMetadata(new ForbiddenTitle(forbidden));
}
