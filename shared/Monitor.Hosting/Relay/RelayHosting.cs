using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Hosting.Storage;

namespace Monitor.Hosting.Relay;

public static class RelayHosting
{
    /// <summary>The relay: publishes every committed pipeline event from the log to the bus.</summary>
    public static WebApplicationBuilder AddMonitorRelay(this WebApplicationBuilder builder)
    {
        builder.AddLogSubscription(RelaySubscription.Create);
        builder.Services.AddHostedService<Observability.Metrics.RelayLagSampler>();
        if (int.TryParse(builder.Configuration[ExitAfterPublishing.Variable], out var batches) && batches > 0)
            builder.Services.AddSingleton(new ExitAfterPublishing(batches));
        return builder;
    }
}
