using System.Text.RegularExpressions;

namespace Monitor.ReadModels;

/// <summary>The qualified names of the read models' tables in one event-store schema.</summary>
public sealed partial class ReadModelTables
{
    public ReadModelTables(string schema)
    {
        if (!Identifier().IsMatch(schema))
            throw new ArgumentException($"Schema '{schema}' is not a plain lower-case identifier.", nameof(schema));
        Schema = schema;
    }

    public string Schema { get; }

    public string Mentions => $"{Schema}.rm_mentions";
    public string SentimentItems => $"{Schema}.rm_sentiment_items";
    public string SentimentMinutes => $"{Schema}.rm_sentiment_minutes";
    public string EntityMentions => $"{Schema}.rm_entity_mentions";
    public string Authors => $"{Schema}.rm_authors";
    public string AuthorItems => $"{Schema}.rm_author_items";

    /// <summary>Document tables (id, data, updated): their unqualified names, as DocumentProjection takes them.</summary>
    public const string AlertsTable = "rm_alerts";
    public const string FeedsTable = "rm_feeds";
    public const string SubscriptionsTable = "rm_subscriptions";

    public string Alerts => $"{Schema}.{AlertsTable}";
    public string Feeds => $"{Schema}.{FeedsTable}";
    public string Subscriptions => $"{Schema}.{SubscriptionsTable}";

    /// <summary>Marten's tables, read for the projections' progress and lag.</summary>
    public string Events => $"{Schema}.mt_events";
    public string Progress => $"{Schema}.mt_event_progression";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,49}$")]
    private static partial Regex Identifier();
}
