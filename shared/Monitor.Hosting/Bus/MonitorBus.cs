using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Hosting.Configuration;

namespace Monitor.Hosting.Bus;

public static class MonitorBus
{
    /// <summary>
    /// MassTransit on RabbitMQ as every Monitor service uses it: the broker from MONITOR_RABBITMQ, publisher
    /// confirms, endpoints named in kebab case after their consumer (CoverageIngestedConsumer reads
    /// coverage-ingested), quorum queues. Retry, batching and concurrency live in each consumer's definition;
    /// a message that still fails moves to the endpoint's <c>_error</c> queue with MassTransit's fault headers
    /// (a message no consumer of the endpoint takes, to <c>_skipped</c>). No Fault&lt;T&gt; events are
    /// published: nothing consumes them, and the services' broker users may not create their exchanges.
    /// </summary>
    public static WebApplicationBuilder AddMonitorBus(this WebApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var settings = builder.GetMonitorSettings();
        builder.Services.AddSingleton<ConsumerEndpoints>();
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<ConsumerEndpoints>());
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.PublishFaults = false;
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    rabbit.SetQuorumQueue();
            });
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var address = settings.RabbitMq;
                rabbit.Host(address.Host, address.Port, address.VirtualHost, host =>
                {
                    host.Username(address.Username);
                    host.Password(address.Password);
                    host.PublisherConfirmation = true;
                    if (address.UseTls) host.UseSsl(ssl => ssl.ServerName = address.Host);
                    host.ConnectionName($"monitor-{settings.ServiceName}");
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// A consumer of <c>Batch&lt;T&gt;</c> on its own endpoint, as its definition configures it, with a health
    /// check "queue {endpoint}" (tagged ready) that is unhealthy while the endpoint is not consuming.
    /// </summary>
    public static IBusRegistrationConfigurator AddBatchConsumer<TConsumer, TDefinition>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer
        where TDefinition : BatchConsumerDefinition<TConsumer>, new()
    {
        bus.AddConsumer<TConsumer, TDefinition>();
        var queue = ((IConsumerDefinition)new TDefinition()).GetEndpointName(KebabCaseEndpointNameFormatter.Instance);
        bus.AddHealthChecks().Add(new HealthCheckRegistration($"queue {queue}",
            sp => new ConsumerEndpoints.HealthCheck(sp.GetRequiredService<ConsumerEndpoints>(), queue),
            failureStatus: null, tags: [MonitorDefaults.ReadyTag]));
        return bus;
    }

    /// <summary>A message type in kebab case, as the metrics label it: CoverageIngested -> coverage-ingested.</summary>
    public static string KebabCase(Type messageType) => KebabCaseEndpointNameFormatter.Instance.SanitizeName(messageType.Name);
}
