using Monitor.Api.Alerts;
using Monitor.Api.Analytics;
using Monitor.Api.Feeds;
using Monitor.Api.Mentions;
using Monitor.Api.Projections;
using Monitor.Api.Subscriptions;
using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.Hosting.Access;
using Monitor.Hosting.Configuration;
using Monitor.ReadModels;

namespace Monitor.Api;

public static class ApiHosting
{
    public const string ServiceName = MonitorServices.Api;

    /// <summary>The read models and their projections, the queries over them, keys, the live alert stream and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        var monitor = builder.GetMonitorSettings();
        var services = builder.Services;
        services.AddSingleton(ApiSettings.From(builder.Configuration));
        services.AddSingleton(TimeProvider.System);
        // The read models also read the feeds' events, which the pipeline's registry does not know.
        services.AddSingleton(ReadModelCatalogue.CreateEventTypeRegistry());
        var catalogue = ReadModelCatalogue.Create(monitor.EventStoreSchema);
        services.AddSingleton(catalogue);
        services.AddApiKeys();
        services.AddSingleton<MentionQueries>();
        services.AddSingleton<AnalyticsQueries>();
        services.AddSingleton<AlertQueries>();
        services.AddSingleton<AcknowledgeAlert>();
        services.AddSingleton<CorrectSentiment>();
        services.AddSingleton<AlertOwners>();
        services.AddSingleton<RebuildTracker>();
        services.AddHostedService<AccessStartup>();
        ProjectionRunner.Register(builder, catalogue);
        services.AddSingleton<AlertStream>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertStream>());
        services.AddHealthChecks().AddCheck<ProjectionRunner.HealthCheck>("read-models", tags: [MonitorDefaults.ReadyTag]);

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNameCaseInsensitive = true);
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurity>());
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The dashboard (wwwroot, built separately); without it "/" is a plain 404 and the API works as ever.
        app.UseDefaultFiles();
        app.UseStaticFiles();

        app.MapOpenApi();
        app.MapSessionEndpoints();
        var api = app.MapGroup("/api").RequireAuthorization(AccessPolicies.Reader).WithTags("Monitor");
        api.MapKeyEndpoints();
        api.MapMentionEndpoints();
        api.MapAnalyticsEndpoints();
        api.MapAlertEndpoints();
        api.MapFeedEndpoints();
        api.MapSubscriptionEndpoints();
        api.MapProjectionEndpoints();
        app.MapFallbackToFile("/", "index.html");
        return app;
    }
}
