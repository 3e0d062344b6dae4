using Microsoft.AspNetCore.Http;

namespace Monitor.Hosting.Access;

/// <summary>
/// Every /api route needs a known key: the X-Api-Key header, or else the <c>monitor_key</c> cookie a browser
/// session carries (set by POST /api/session). Keys never travel in URLs. The caller the key names is kept for the handler.
/// </summary>
public sealed class ApiKeyFilter(ApiKeys keys) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var header = request.Headers[ApiKeys.Header].ToString();
        var key = header.Length > 0 ? header : request.Cookies[ApiKeys.Cookie];
        var caller = await keys.FindAsync(key, context.HttpContext.RequestAborted);
        if (caller is null)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: string.IsNullOrEmpty(key)
                    ? $"A valid {ApiKeys.Header} header (or a session cookie from POST /api/session) is required"
                    : $"The API key in the {(header.Length > 0 ? ApiKeys.Header + " header" : ApiKeys.Cookie + " cookie")} is not known");
        context.HttpContext.Items[typeof(Caller)] = caller;
        return await next(context);
    }
}

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) => (Caller)context.Items[typeof(Caller)]!;

    public static IResult Forbidden(string why) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: why);
}
