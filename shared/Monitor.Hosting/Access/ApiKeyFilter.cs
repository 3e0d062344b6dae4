using Microsoft.AspNetCore.Http;

namespace Monitor.Hosting.Access;

/// <summary>Every /api route needs a known X-Api-Key; the caller it names is kept for the handler.</summary>
public sealed class ApiKeyFilter(ApiKeys keys) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var caller = await keys.FindAsync(context.HttpContext.Request.Headers[ApiKeys.Header], context.HttpContext.RequestAborted);
        if (caller is null)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: $"A valid {ApiKeys.Header} header is required");
        context.HttpContext.Items[typeof(Caller)] = caller;
        return await next(context);
    }
}

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) => (Caller)context.Items[typeof(Caller)]!;

    public static IResult Forbidden(string why) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: why);
}
