using Monitor.Hosting.Access;

namespace Monitor.Api;

/// <summary>Knows the first admin key (MONITOR_ADMIN_KEY) and the issued keys before the API answers.</summary>
internal sealed class AccessStartup(ApiSettings settings, ApiKeys keys) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (settings.AdminKey is { } admin) keys.AddAdmin(admin);
        await keys.LoadAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
