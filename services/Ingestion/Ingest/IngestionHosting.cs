using Monitor.Hosting;
using Monitor.Hosting.Configuration;

namespace Monitor.Ingestion.Ingest;

public static class IngestionHosting
{
    /// <summary>The ingest handler both the bus consumer and the HTTP endpoint call, the HTTP body limit and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddCoverageIngestion(this WebApplicationBuilder builder)
    {
        var settings = builder.GetMonitorSettings();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = settings.IngestionMaxBodyBytes);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IngestCoverage>();
        builder.Services.AddOpenApi();
        return builder;
    }
}
