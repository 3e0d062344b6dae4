using Monitor.Hosting.Access;
using Monitor.Alerts.Backtest;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Digests;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Quiet;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Startup;
using Monitor.Alerts.Subscriptions;
using Monitor.Hosting;
using Monitor.Hosting.Storage;
using Monitor.Hosting.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitor.Alerts;

public static class AlertsHosting
{
    public const string ServiceName = MonitorServices.Alerts;

    /// <summary>Evaluation, delivery, digests, subscriptions and keys, with state rebuilt from the event log at start.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        var settings = AlertsSettings.From(builder.Configuration);
        // Delivery follows the log up to Marten's high water mark; nothing here is a subscription that would keep it.
        builder.AddLogReading();
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        var delivery = new DeliveryOptions();
        services.AddSingleton(delivery);
        services.AddChannelHttpClient(() => settings.Guard.CreateHandler(), delivery);
        services.AddSingleton(sp => new ChannelDeliverer(sp.ChannelClient(), delivery, sp.GetRequiredService<TimeProvider>(),
            settings.Smtp is { } smtp ? new EmailSender(smtp) : null));
        services.AddSingleton<SubscriptionRegistry>();
        services.AddSingleton<SubscriptionCommands>();
        services.AddApiKeys();
        services.AddSingleton<AlertLog>();
        services.AddSingleton<CoverageLookup>();
        services.AddSingleton<History>();
        services.AddSingleton<EvaluateScored>();
        services.AddSingleton<AlertStreamWriter>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<HeldAlertsRelease>();
        services.AddSingleton<DigestWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestWorker>());
        services.AddHostedService<AlertsStartup>();
        // Ready only once subscriptions and recent history are loaded: before that, scored items would wait.
        services.AddHealthChecks().AddCheck<StateLoadedCheck>("alerts-state", tags: [MonitorDefaults.ReadyTag]);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNameCaseInsensitive = true);
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapAlerts(this WebApplication app)
    {
        app.MapOpenApi();
        var api = app.MapGroup("/api").RequireAuthorization(AccessPolicies.Reader);
        api.MapKeyEndpoints();
        api.MapSubscriptionEndpoints();
        api.MapAlertEndpoints();
        api.MapBacktestEndpoints();
        return app;
    }

    private sealed class StateLoadedCheck(SubscriptionRegistry registry) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (!registry.Ready.IsCompletedSuccessfully) return Task.FromResult(HealthCheckResult.Unhealthy("loading subscriptions and recent history"));
            // A subscription that cannot be evaluated is skipped, never a reason to stop: the others still alert.
            var broken = registry.Broken();
            return Task.FromResult(broken.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded($"{broken.Count} subscription(s) cannot be evaluated and are skipped until edited: "
                    + string.Join(", ", broken.Select(s => s.SubscriptionId))));
        }
    }
}
