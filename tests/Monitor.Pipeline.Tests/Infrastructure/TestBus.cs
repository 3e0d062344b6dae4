using MassTransit;
using Monitor.Hosting.Configuration;
using Monitor.Testing;

namespace Monitor.Pipeline.Tests.Infrastructure;

/// <summary>A MassTransit bus of the test itself on a test vhost: to publish like a feed, or to watch what the relay publishes.</summary>
public static class TestBus
{
    public static async Task<IBusControl> StartAsync(RabbitMqVhost vhost, Action<IRabbitMqBusFactoryConfigurator>? configure = null)
    {
        var address = RabbitMqAddress.Parse(vhost.AmqpUri.ToString(), "test vhost");
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(address.Host, address.Port, address.VirtualHost, h =>
            {
                h.Username(address.Username);
                h.Password(address.Password);
                h.PublisherConfirmation = true;
            });
            configure?.Invoke(cfg);
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        return bus;
    }
}
