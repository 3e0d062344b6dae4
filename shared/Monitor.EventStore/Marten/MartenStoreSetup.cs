using JasperFx;
using JasperFx.Events;
using Marten;
using System.Reflection;
using Marten.Services.Json.Transformations;
using Npgsql;
using Weasel.Core;

namespace Monitor.EventStore;

/// <summary>
/// How Monitor configures Marten's event store: one place, so the services, the migration command and the
/// tests all read and write the same tables the same way.
/// </summary>
public static class MartenStoreSetup
{
    /// <summary>
    /// Builds the document store on <paramref name="dataSource"/> in <paramref name="schema"/>. It never changes the
    /// database by itself (<see cref="AutoCreate.None"/>): the schema is created by <see cref="EventStore.EnsureSchemaAsync"/>,
    /// which the migration role runs; the services' roles only read and write.
    /// </summary>
    /// <param name="configure">Adds what one process runs on the store: its subscriptions and projections.</param>
    public static DocumentStore Build(NpgsqlDataSource dataSource, string schema, EventTypeRegistry registry, Action<StoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(registry);
        EventStoreOptions.ValidateSchema(schema);
        return DocumentStore.For(options =>
        {
            Configure(options, dataSource, schema, registry);
            // A store built here runs a daemon only when its caller builds one (a rebuild, the CLI's high water
            // mark, tests), and then in this process alone; without this, Marten prints that its daemon is off.
            options.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.Solo;
            configure?.Invoke(options);
        });
    }

    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource, string schema, EventTypeRegistry registry)
    {
        options.Connection(dataSource);
        options.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = AutoCreate.None;
        // Stored JSON keeps the shape the registry writes (web defaults: camelCase), so rows written
        // before the move to Marten read back unchanged.
        options.UseSystemTextJsonForSerialization(registry.JsonOptions, EnumStorage.AsInteger, Casing.CamelCase);

        var events = options.Events;
        events.StreamIdentity = StreamIdentity.AsGuid;
        // Timestamps from the database server: one clock for every writer.
        events.AppendMode = EventAppendMode.Quick;
        events.MetadataConfig.HeadersEnabled = true;
        // A safety net only: EventStore finds stored ids before it appends, so this index never fires in
        // normal work (a violation would burn a sequence number and hold every subscriber at the gap).
        events.EnableUniqueIndexOnEventId = true;
        // The expected-version check takes the stream row's lock, so two writers of one stream queue instead
        // of both passing the check; the loser sees a version conflict before it takes a sequence number.
        events.UseExclusiveLockOnConcurrentAppends = true;
        // Appends wake the daemon at once (NOTIFY); polling stays the fallback.
        events.UseListenNotifyForEventAppends = true;
        foreach (var (name, type) in registry.Registered)
            events.MapEventType(type, name);
        // Old shapes are rewritten as Marten reads them, by the registry's upcasters.
        foreach (var (storedName, type) in registry.Upcasts)
            events.Upcast(type, storedName, Transformation(type, json => registry.Deserialize(storedName, json).Data));
    }

    private static JsonTransformation Transformation(Type type, Func<string, object> read) =>
        (JsonTransformation)typeof(MartenStoreSetup).GetMethod(nameof(TransformationOf), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [read])!;

    private static JsonTransformation TransformationOf<T>(Func<string, object> read) where T : notnull =>
        Marten.Services.Json.Transformations.SystemTextJson.JsonTransformations.Upcast(document => (T)read(document.RootElement.GetRawText()));
}
