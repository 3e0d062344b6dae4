using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Alerts.Delivery;

namespace Monitor.Alerts.Tests.Support;

/// <summary>
/// Channel deliverers over the HTTP client the alerts service registers (SSRF guard, breaker and timeout per
/// destination), each with breakers of its own, on the given clock. Disposing releases their clients.
/// </summary>
public sealed class ChannelDeliverers : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    public ChannelDeliverer Create(DeliveryOptions options, TimeProvider clock, string allowed = "127.0.0.1",
        Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        var services = new ServiceCollection().AddSingleton(clock);
        services.AddChannelHttpClient(() => SsrfGuard.FromSetting(allowed).CreateHandler(resolve), options);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return new ChannelDeliverer(provider.ChannelClient(), options, clock);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers) await provider.DisposeAsync();
    }
}
