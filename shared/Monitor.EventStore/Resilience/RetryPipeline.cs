using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Monitor.EventStore.Resilience;

internal static class RetryPipeline
{
    public static ResiliencePipeline Create(EventStoreOptions options, ILogger logger) =>
        options.MaxRetryAttempts <= 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientErrors.IsTransient),
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    OnRetry = args =>
                    {
                        logger.LogWarning(args.Outcome.Exception,
                            "Event store: transient failure, retry {Attempt} of {Max} in {Delay}",
                            args.AttemptNumber + 1, options.MaxRetryAttempts, args.RetryDelay);
                        return default;
                    },
                })
                .Build();
}
