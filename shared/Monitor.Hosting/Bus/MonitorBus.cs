using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Hosting.Configuration;

namespace Monitor.Hosting.Bus;

public static class MonitorBus
{
    /// <summary>
    /// MassTransit on RabbitMQ as every Monitor service uses it: the broker from MONITOR_RABBITMQ,
    /// publisher confirms, kebab-case endpoint names (CoverageReceivedConsumer -> coverage-received),
    /// quorum queues. Retry lives in each ConsumerDefinition; a message that still fails moves to the
    /// endpoint's <c>_error</c> queue with its exception in the headers (MassTransit's default).
    /// The bus's health check is tagged "ready" and so joins /health/ready.
    /// </summary>
    public static WebApplicationBuilder AddMonitorBus(this WebApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var settings = builder.GetMonitorSettings();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
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
}
