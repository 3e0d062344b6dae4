using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Hosting.Access;

/// <summary>
/// Authenticates a request by its API key: the X-Api-Key header, or else the <c>monitor_key</c> cookie a browser
/// session carries (set by POST /api/session). Keys never travel in URLs. The caller the key names becomes the
/// request's user (name: the owner, role: the key's role, and the key's id). Without a known key the answer is
/// 401 with a problem body saying what was missing or not known; a known key refused by a policy gets 403, with
/// the endpoint's <see cref="ForbiddenTitle"/> when it has one.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Scheme = "ApiKey";
    public const string KeyIdClaim = "monitor:key-id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (key, _) = Presented(Request);
        if (string.IsNullOrEmpty(key)) return AuthenticateResult.NoResult();
        if (await keys.FindAsync(key, Context.RequestAborted) is not { } caller) return AuthenticateResult.Fail("The API key is not known");
        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Owner), new(ClaimTypes.Role, caller.Role) };
        if (caller.KeyId is { } id) claims.Add(new Claim(KeyIdClaim, id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)), Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (key, fromHeader) = Presented(Request);
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
            title: string.IsNullOrEmpty(key)
                ? $"A valid {ApiKeys.Header} header (or a session cookie from POST /api/session) is required"
                : $"The API key in the {(fromHeader ? ApiKeys.Header + " header" : ApiKeys.Cookie + " cookie")} is not known")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        CallerExtensions.Forbidden(Context.GetEndpoint()?.Metadata.GetMetadata<ForbiddenTitle>()?.Title ?? "This key's role may not do this")
            .ExecuteAsync(Context);

    private static (string? Key, bool FromHeader) Presented(HttpRequest request)
    {
        var header = request.Headers[ApiKeys.Header].ToString();
        return header.Length > 0 ? (header, true) : (request.Cookies[ApiKeys.Cookie], false);
    }
}

/// <summary>What a 403 from an endpoint's policy says (e.g. "Only admins list keys").</summary>
public sealed record ForbiddenTitle(string Title);
