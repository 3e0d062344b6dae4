using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Hosting;
using Monitor.Testing;

namespace Monitor.Alerts.Tests.Support;

/// <summary>
/// The alerts service built as Program builds it (without the bus) inside the test, on a fresh schema and a
/// clock the test moves: for what depends on time (quiet hours, digests). Scored items are handed to
/// EvaluateScored directly, as the consumer would. Disposing it is a stop; a new one on the same schema is a restart.
/// </summary>
public sealed class InProcessAlerts : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessAlerts(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;
    public Uri BaseAddress => new(_app.Urls.Single());

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <param name="configure">Replaces registrations after the service's own (e.g. <see cref="LongAttempts"/>).</param>
    /// <param name="settings">Settings beside the test's own (e.g. MONITOR_ALERTS_RETRY_SCHEDULE).</param>
    public static async Task<InProcessAlerts> StartAsync(
        PostgresSchema schema, TimeProvider clock, Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_POSTGRES"] = schema.ConnectionString,
            ["MONITOR_EVENTSTORE_SCHEMA"] = schema.Name,
            ["MONITOR_ADMIN_KEY"] = Service.AlertsHarness.AdminKey,
            ["MONITOR_ALERTS_ALLOWED_ADDRESSES"] = "127.0.0.1",
            ["MONITOR_LOG_FORMAT"] = "text",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMonitorDefaults(AlertsHosting.ServiceName);
        builder.AddAlerts();
        builder.Services.AddSingleton(clock);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapMonitorDefaults();
        app.MapAlerts();
        await app.StartAsync();
        var service = new InProcessAlerts(app);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await service.Get<Monitor.Alerts.Subscriptions.SubscriptionRegistry>().Ready.WaitAsync(timeout.Token);
        return service;
    }

    /// <summary>
    /// Delivery attempts that never time out on the test's clock: a test that moves the clock by whole worker ticks
    /// would otherwise time out a send still in flight in real time (its attempt timeout is on that clock too).
    /// </summary>
    public static void LongAttempts(IServiceCollection services) =>
        services.AddSingleton(new Monitor.Alerts.Delivery.DeliveryOptions { AttemptTimeout = TimeSpan.FromDays(1) });

    public HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
