using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Projections;

public sealed class When_an_event_changes_several_documents(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_apply_it_once_to_each_document_it_names_and_keep_one_document_per_other_event()
    {
        await using var store = await Stores.CreateAsync(schema, TestEvents.Registry().Register<Tagged>("tagged"));
        var projection = new TagsProjection(store.Schema);
        var (first, second, noted) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var both = new EventData(Guid.NewGuid(), new Tagged([first, second, first]));
        var secondOnly = new EventData(Guid.NewGuid(), new Tagged([second]));
        var note = TestEvents.Note(7);
        await store.AppendAsync(Guid.NewGuid(), "tagging", ExpectedVersion.Any, [both, secondOnly]);
        await store.AppendAsync(noted, "notes", ExpectedVersion.Any, [note]);

        await new ProjectionRebuilder(store).PrepareAsync(projection, default);
        var daemon = await RunningDaemon.StartAsync(store, projection);
        var caughtUp = await Until.HoldsAsync(async () => await projection.LoadAsync(store.DataSource, noted) is not null, Timeout);
        var documents = new Dictionary<Guid, Tags?>();
        foreach (var id in new[] { first, second, noted })
            documents[id] = await projection.LoadAsync(store.DataSource, id);
        await daemon.DisposeAsync();

        Assert.True(caughtUp, "the projection did not handle the events within 30 s");
        Assert.Equal([both.Id], documents[first]!.EventIds);
        Assert.Equal([both.Id, secondOnly.Id], documents[second]!.EventIds);
        Assert.Equal([note.Id], documents[noted]!.EventIds);
    }

    private sealed record Tagged(Guid[] Documents);

    /// <summary>Which events reached a document, in order; not idempotent on purpose, so a double application shows.</summary>
    private sealed record Tags(List<Guid> EventIds);

    /// <summary>Tagged changes every document it names (DocumentIdsOf); any other event the document of its stream (DocumentIdOf).</summary>
    private sealed class TagsProjection(string schema) : DocumentProjection<Tags>(schema, "tags")
    {
        public override string Name => "tags";

        public override IReadOnlyCollection<string>? EventTypes => ["tagged", "noted"];

        protected override Guid? DocumentIdOf(StoredEvent e) => e.StreamId;

        protected override IEnumerable<Guid> DocumentIdsOf(StoredEvent e) => e.Data is Tagged t ? t.Documents : base.DocumentIdsOf(e);

        protected override Tags? Apply(Tags? current, StoredEvent e) => new([.. current?.EventIds ?? [], e.Id]);
    }
}
