using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;

namespace Monitor.Hosting.Storage;

/// <summary>
/// The stable names under which the pipeline's events are stored. Renaming a C# type must not change
/// these: stored rows keep the name they were written with.
/// </summary>
public static class MonitorEventTypes
{
    public const string CoverageStream = "coverage";

    public const string CoverageIngested = "coverage-ingested";
    public const string CoverageMetricsUpdated = "coverage-metrics-updated";
    public const string ContentExtracted = "content-extracted";
    public const string SentimentScored = "sentiment-scored";
    public const string SentimentRescored = "sentiment-rescored";
    public const string SentimentCorrected = "sentiment-corrected";

    public const string SubscriptionStream = "subscription";
    public const string AlertStream = "alert";
    public const string DigestStream = "digest";
    public const string HeldReleaseStream = "held-release";

    public const string SubscriptionCreated = "subscription-created";
    public const string SubscriptionRulesChanged = "subscription-rules-changed";
    public const string SubscriptionScopeChanged = "subscription-scope-changed";
    public const string SubscriptionChannelsChanged = "subscription-channels-changed";
    public const string SubscriptionPaused = "subscription-paused";
    public const string SubscriptionResumed = "subscription-resumed";
    public const string SubscriptionRenamed = "subscription-renamed";
    public const string SubscriptionQuietHoursChanged = "subscription-quiet-hours-changed";
    public const string SubscriptionDigestChanged = "subscription-digest-changed";
    public const string SubscriptionArchived = "subscription-archived";
    public const string AlertRaised = "alert-raised";
    public const string AlertDelivered = "alert-delivered";
    public const string AlertDeliveryFailed = "alert-delivery-failed";
    public const string AlertDeliveryScheduled = "alert-delivery-scheduled";
    public const string AlertDeliveryRetrying = "alert-delivery-retrying";
    public const string AlertAcknowledged = "alert-acknowledged";
    public const string AlertHeld = "alert-held";
    public const string DigestSent = "digest-sent";
    public const string HeldAlertsReleased = "held-alerts-released";
    public const string ApiKeyIssued = "api-key-issued";
    public const string ApiKeyRevoked = "api-key-revoked";

    /// <summary>Every event the relay publishes to the bus.</summary>
    public static readonly IReadOnlyList<string> Published = [CoverageIngested, CoverageMetricsUpdated, ContentExtracted, SentimentScored];

    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<CoverageIngested>(CoverageIngested)
        .Register<CoverageMetricsUpdated>(CoverageMetricsUpdated)
        .Register<ContentExtracted>(ContentExtracted)
        .Register<SentimentScored>(SentimentScored)
        .Register<SentimentRescored>(SentimentRescored)
        .Register<SentimentCorrected>(SentimentCorrected)
        // Alerts: subscriptions (stream subscription-{id}), alerts (stream alert-{id}), digests (stream digest-{id})
        // and held alerts released when quiet hours end (stream held-release-{id}).
        .Register<SubscriptionCreated>(SubscriptionCreated)
        .Register<SubscriptionRulesChanged>(SubscriptionRulesChanged)
        .Register<SubscriptionScopeChanged>(SubscriptionScopeChanged)
        .Register<SubscriptionChannelsChanged>(SubscriptionChannelsChanged)
        .Register<SubscriptionPaused>(SubscriptionPaused)
        .Register<SubscriptionResumed>(SubscriptionResumed)
        .Register<SubscriptionRenamed>(SubscriptionRenamed)
        .Register<SubscriptionQuietHoursChanged>(SubscriptionQuietHoursChanged)
        .Register<SubscriptionDigestChanged>(SubscriptionDigestChanged)
        .Register<SubscriptionArchived>(SubscriptionArchived)
        .Register<AlertRaised>(AlertRaised)
        .Register<AlertDelivered>(AlertDelivered)
        .Register<AlertDeliveryFailed>(AlertDeliveryFailed)
        .Register<AlertDeliveryScheduled>(AlertDeliveryScheduled)
        .Register<AlertDeliveryRetrying>(AlertDeliveryRetrying)
        .Register<AlertAcknowledged>(AlertAcknowledged)
        .Register<AlertHeld>(AlertHeld)
        .Register<DigestSent>(DigestSent)
        .Register<HeldAlertsReleased>(HeldAlertsReleased)
        .Register<ApiKeyIssued>(ApiKeyIssued)
        .Register<ApiKeyRevoked>(ApiKeyRevoked);

    public static EventTypeRegistry CreateRegistry() => Register(new EventTypeRegistry());
}
