using Monitor.EventStore;
using Monitor.Feeds.Sdk.Journal;
using Monitor.Hosting.Storage;
using Monitor.ReadModels.Alerts;
using Monitor.ReadModels.Authors;
using Monitor.ReadModels.Entities;
using Monitor.ReadModels.Feeds;
using Monitor.ReadModels.Mentions;
using Monitor.ReadModels.Subscriptions;
using Monitor.ReadModels.Timeline;

namespace Monitor.ReadModels;

/// <summary>
/// Every read model of one event-store schema, by its stable kebab-case name. The API keeps them up to
/// date; `./monitor projections list|rebuild` lists and rebuilds them (ProjectionRebuilder).
/// Tables live in the event store's schema and start with <c>rm_</c>.
/// </summary>
public sealed class ReadModelCatalogue
{
    private ReadModelCatalogue(string schema, IReadOnlyList<ReadModel> all)
    {
        Schema = schema;
        All = all;
    }

    public string Schema { get; }

    public IReadOnlyList<ReadModel> All { get; }

    public MentionsProjection Mentions => Get<MentionsProjection>();
    public SentimentTimelineProjection Timeline => Get<SentimentTimelineProjection>();
    public EntityShareProjection EntityShare => Get<EntityShareProjection>();
    public AuthorsProjection Authors => Get<AuthorsProjection>();
    public AlertsProjection Alerts => Get<AlertsProjection>();
    public FeedsProjection Feeds => Get<FeedsProjection>();
    public SubscriptionsProjection Subscriptions => Get<SubscriptionsProjection>();

    /// <summary>The read models of the event store in <paramref name="schema"/>.</summary>
    public static ReadModelCatalogue Create(string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        var tables = new ReadModelTables(schema);
        return new ReadModelCatalogue(schema,
        [
            new(MentionsProjection.ProjectionName, "One row per coverage item: text, author, entities, keywords, cluster, reach, engagement and current sentiment; searched by the mention queries.", new MentionsProjection(tables)),
            new(SentimentTimelineProjection.ProjectionName, "Scored mentions counted per platform and minute by sentiment label, with their score sum; hours and days are summed at query time.", new SentimentTimelineProjection(tables)),
            new(EntityShareProjection.ProjectionName, "One row per coverage item and gazetteer entity it mentions, for share of voice.", new EntityShareProjection(tables)),
            new(AuthorsProjection.ProjectionName, "Authors per platform with their latest name and follower count.", new AuthorsProjection(tables)),
            new(AlertsProjection.ProjectionName, "Raised alerts with their acknowledgement, deliveries, delivery failures and quiet-hours hold and release.", new AlertsProjection(tables)),
            new(FeedsProjection.ProjectionName, "Each feed's platform, last heartbeat, last failure, items published and items quarantined.", new FeedsProjection(tables)),
            new(SubscriptionsProjection.ProjectionName, "Alert subscriptions: owner, name, scope, rules, channel kinds and whether paused; never channel targets or secrets.", new SubscriptionsProjection(tables)),
        ]);
    }

    /// <summary>The read model named <paramref name="name"/>, or null.</summary>
    public ReadModel? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    /// <summary>Registers every event type the read models read (the pipeline's, the alerts' and the feeds').</summary>
    public static EventTypeRegistry RegisterEventTypes(EventTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!registry.IsRegistered(MonitorEventTypes.CoverageIngested)) MonitorEventTypes.Register(registry);
        if (!registry.IsRegistered(FeedEventTypes.FeedRegistered)) FeedEventTypes.Register(registry);
        return registry;
    }

    /// <summary>A registry that knows every event the read models read.</summary>
    public static EventTypeRegistry CreateEventTypeRegistry() => RegisterEventTypes(new EventTypeRegistry());

    private T Get<T>() where T : Projection => All.Select(m => m.Projection).OfType<T>().Single();
}
