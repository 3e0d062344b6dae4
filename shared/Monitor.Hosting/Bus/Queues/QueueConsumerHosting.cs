using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Monitor.Hosting.Bus.Queues;

public static class QueueConsumerHosting
{
    /// <summary>
    /// A worker's queue for <typeparamref name="TMessage"/>, consumed in batches by <typeparamref name="THandler"/>
    /// (see <see cref="BatchQueueConsumer{TMessage}"/>): queue "coverage-ingested" for CoverageIngested,
    /// bound to the exchange the relay and MassTransit publish that type to. Its health check ("queue
    /// coverage-ingested", tagged ready) is healthy while it consumes.
    /// </summary>
    public static WebApplicationBuilder AddBatchQueueConsumer<TMessage, THandler>(this WebApplicationBuilder builder,
        Func<QueueConsumerOptions, QueueConsumerOptions>? configure = null)
        where THandler : class, IBatchHandler<TMessage>
    {
        var settings = builder.GetMonitorSettings();
        var options = new QueueConsumerOptions
        {
            Queue = MessageNames.KebabCase(typeof(TMessage)),
            MessageExchange = MessageNames.ExchangeOf(typeof(TMessage)),
        };
        options = configure?.Invoke(options) ?? options;

        builder.Services.AddSingleton<IBatchHandler<TMessage>, THandler>();
        builder.Services.AddSingleton(sp => new BatchQueueConsumer<TMessage>(
            sp.GetRequiredService<IBatchHandler<TMessage>>(), options, settings, sp.GetRequiredService<ILogger<BatchQueueConsumer<TMessage>>>()));
        builder.Services.AddSingleton<IQueueConsumer>(sp => sp.GetRequiredService<BatchQueueConsumer<TMessage>>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BatchQueueConsumer<TMessage>>());
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"queue {options.Queue}",
            sp => new QueueConsumerHealthCheck(sp.GetRequiredService<BatchQueueConsumer<TMessage>>()),
            failureStatus: null, tags: [MonitorDefaults.ReadyTag]));
        return builder;
    }

    private sealed class QueueConsumerHealthCheck(IQueueConsumer consumer) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(consumer.IsConsuming
                ? HealthCheckResult.Healthy($"consuming {consumer.Queue}")
                : HealthCheckResult.Unhealthy($"not consuming {consumer.Queue}: connecting to the broker"));
    }
}
