using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Monitor.Hosting.Access;

namespace Monitor.Api;

/// <summary>Tells readers of the OpenAPI document how to authenticate: the X-Api-Key header, or the session cookie.</summary>
internal sealed class ApiKeySecurity : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Monitor API";
        document.Info.Description = "Mentions, sentiment, share of voice, alerts and feeds. Send X-Api-Key, or sign a browser in with POST /api/session.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeys.Header,
            Description = "An API key (admin, analyst or viewer).",
        };
        document.Components.SecuritySchemes["sessionCookie"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = ApiKeys.Cookie,
            Description = "Set by POST /api/session.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("sessionCookie", document)] = [] });
        return Task.CompletedTask;
    }
}
