using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.Hosting.Access;

/// <summary>
/// Reads the keys issued and revoked through any service every <see cref="Interval"/>: a revoked key stops working
/// everywhere within that. Each read asks only for the events after the last one seen (one indexed query).
/// </summary>
public sealed class ApiKeysRefresh(ApiKeys keys, TimeProvider clock, ILogger<ApiKeysRefresh> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.LoadAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reading the API keys failed; trying again in {Interval}", Interval);
            }
        }
    }
}

public static class ApiKeysHosting
{
    /// <summary>The keys, the refresh that picks up keys issued or revoked through another service, and the API key scheme and policies.</summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeys>();
        services.AddHostedService<ApiKeysRefresh>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.Scheme, null);
        services.AddAuthorizationBuilder().AddAccessPolicies();
        return services;
    }
}
