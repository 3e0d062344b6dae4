using System.Diagnostics;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Marten;

/// <summary>The append rules of Monitor's store, held on Marten's tables.</summary>
public sealed class When_appending_through_marten(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_store_events_in_order_under_their_registered_names_with_their_ids_and_headers()
    {
        await using var log = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var removed = new EventData(Guid.NewGuid(), new ItemRemoved("a"), new Dictionary<string, string> { ["causation"] = "x" });

        var first = await log.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("a"), TestEvents.Added("b", 2)]);
        var second = await log.AppendAsync(stream, "cart", ExpectedVersion.Exactly(2), [removed]);

        Assert.Equal((2L, 3L, false), (first.Version, second.Version, second.WasDuplicate));
        var events = await log.ReadStreamAsync(stream);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.Equal(new ItemAdded("b", 2), events[1].Data);
        Assert.Equal(("item-removed", removed.Id), (events[2].Type, events[2].Id));
        Assert.Equal("x", events[2].Headers["causation"]);
        Assert.Empty(events[0].Headers);
        Assert.Equal([3L], (await log.ReadStreamAsync(stream, fromVersion: 3)).Select(e => e.Version));
        var state = await log.FetchStreamStateAsync(stream);
        Assert.Equal(("cart", 3L, false), (state!.Type, state.Version, state.Archived));
    }

    [Fact]
    public async Task Should_refuse_a_wrong_expected_version_without_burning_sequence_numbers()
    {
        await using var log = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        await log.AppendAsync(stream, "cart", ExpectedVersion.Any, [TestEvents.Added("a")]);
        var before = await Stores.CountAsync(log);

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => log.AppendAsync(stream, "cart", ExpectedVersion.Exactly(5), [TestEvents.Added("b")]));
        var noStream = await Assert.ThrowsAsync<ConcurrencyException>(() => log.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("c")]));
        var missing = await Assert.ThrowsAsync<ConcurrencyException>(() => log.AppendAsync(Guid.NewGuid(), "cart", ExpectedVersion.Exactly(1), [TestEvents.Added("d")]));

        Assert.Equal((stream, 1L), (conflict.StreamId, conflict.ActualVersion!.Value));
        Assert.Equal(1L, noStream.ActualVersion);
        Assert.Null(missing.ActualVersion);
        Assert.Equal(before, await Stores.CountAsync(log));
    }

    [Fact]
    public async Task Should_treat_a_re_append_of_stored_ids_as_a_duplicate_and_reject_a_partial_one()
    {
        await using var log = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        EventData[] events = [TestEvents.Added("a"), TestEvents.Added("b")];
        await log.AppendAsync(stream, "cart", ExpectedVersion.NoStream, events);
        await log.AppendAsync(stream, "cart", ExpectedVersion.Exactly(2), [TestEvents.Added("c")]);
        var before = await Stores.CountAsync(log);

        var again = await log.AppendAsync(stream, "cart", ExpectedVersion.NoStream, events);
        var partial = await Assert.ThrowsAsync<EventStoreException>(() => log.AppendAsync(stream, "cart", ExpectedVersion.Any, [events[0], TestEvents.Added("d")]));

        Assert.Equal((true, 2L), (again.WasDuplicate, again.Version));
        Assert.Contains("1 of its 2 event ids are already stored", partial.Message);
        Assert.Equal(before, await Stores.CountAsync(log));
    }

    [Fact]
    public async Task Should_store_a_redelivered_append_racing_with_itself_once_without_a_unique_violation_or_a_gap()
    {
        await using var log = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        await log.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("first")]);
        EventData[] redelivered = [TestEvents.Added("a"), TestEvents.Added("b")];
        var before = await Stores.CountAsync(log);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var copies = Enumerable.Range(0, 12).Select(async _ =>
        {
            await gate.Task;
            return await log.AppendAsync(stream, "cart", ExpectedVersion.Exactly(1), redelivered);
        }).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(copies).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, results.Count(r => !r.WasDuplicate));
        Assert.All(results, r => Assert.Equal(3L, r.Version));
        // no copy reached the unique index on event ids: the sequence handed out exactly the two stored numbers
        Assert.Equal((before.Count + 2, before.LastSequence + 2), await Stores.CountAsync(log));
    }

    [Fact]
    public async Task Should_report_each_streams_outcome_in_a_batch_and_append_the_others()
    {
        await using var log = await Stores.CreateAsync(schema);
        var (fresh, existing, conflicting, archived) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var duplicate = TestEvents.Added("dup");
        await log.AppendAsync(existing, "cart", ExpectedVersion.NoStream, [duplicate]);
        await log.AppendAsync(conflicting, "cart", ExpectedVersion.NoStream, [TestEvents.Added("c1"), TestEvents.Added("c2")]);
        await log.AppendAsync(archived, "cart", ExpectedVersion.NoStream, [TestEvents.Added("old")]);
        await log.ArchiveStreamAsync(archived);
        var before = await Stores.CountAsync(log);

        var outcomes = await log.AppendBatchAsync(
        [
            new StreamAppend(conflicting, "cart", ExpectedVersion.Exactly(1), [TestEvents.Added("lost")]),
            new StreamAppend(fresh, "order", ExpectedVersion.NoStream, [TestEvents.Added("x"), TestEvents.Added("y")]),
            new StreamAppend(existing, "cart", ExpectedVersion.NoStream, [duplicate]),
            new StreamAppend(archived, "cart", ExpectedVersion.Any, [TestEvents.Added("late")]),
        ]);

        Assert.Equal(
            [(conflicting, AppendStatus.Conflict, 2L), (fresh, AppendStatus.Appended, 2L), (existing, AppendStatus.Duplicate, 1L), (archived, AppendStatus.Archived, 1L)],
            outcomes.Select(o => (o.StreamId, o.Status, o.Version)));
        Assert.Equal((before.Count + 2, before.LastSequence + 2), await Stores.CountAsync(log));
        var states = await log.FetchStreamStatesAsync([fresh, archived, Guid.NewGuid()]);
        Assert.Equal(("order", 2L), (states[fresh].Type, states[fresh].Version));
        Assert.True(states[archived].Archived);
        await Assert.ThrowsAsync<StreamArchivedException>(() => log.AppendAsync(archived, "cart", ExpectedVersion.Any, [TestEvents.Added("again")]));
    }

    [Fact]
    public async Task Should_give_writers_expecting_any_version_distinct_consecutive_versions()
    {
        await using var log = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var before = await Stores.CountAsync(log);

        var writers = Enumerable.Range(0, 16).Select(i => log.AppendAsync(stream, "race", ExpectedVersion.Any, [TestEvents.Note(i)])).ToArray();
        var results = await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(1, 16).Select(v => (long)v), results.Select(r => r.Version).Order());
        Assert.Equal((before.Count + 16, before.LastSequence + 16), await Stores.CountAsync(log));
    }

    [Fact]
    public async Task Should_carry_the_current_trace_context_in_the_headers_of_events_that_bring_none()
    {
        await using var log = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        using var source = new ActivitySource("monitor.tests.marten");
        using var listener = new ActivityListener { ShouldListenTo = s => s == source, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData };
        ActivitySource.AddActivityListener(listener);
        string traceparent;

        using (var activity = source.StartActivity("append")!)
        {
            traceparent = activity.Id!;
            await log.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("a"), new EventData(Guid.NewGuid(), new Noted(1), new Dictionary<string, string> { ["own"] = "yes" })]);
        }

        var events = await log.ReadStreamAsync(stream);
        Assert.Equal(traceparent, events[0].Headers[TraceContextHeaders.TraceParent]);
        Assert.Equal(new Dictionary<string, string> { ["own"] = "yes" }, events[1].Headers);
    }

    [Fact]
    public async Task Should_read_many_streams_and_everything_committed_of_some_types()
    {
        await using var log = await Stores.CreateAsync(schema);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await log.AppendBatchAsync(
        [
            new StreamAppend(a, "cart", ExpectedVersion.NoStream, [TestEvents.Added("a1"), TestEvents.Note(1)]),
            new StreamAppend(b, "cart", ExpectedVersion.NoStream, [TestEvents.Added("b1")]),
        ]);
        await log.ArchiveStreamAsync(b);

        var streams = await log.ReadStreamsAsync([a, b, Guid.NewGuid()]);
        var added = await log.ReadAllCommittedAsync(["item-added"]);
        var addedWithArchived = await log.ReadAllCommittedAsync(["item-added"], includeArchived: true);

        Assert.Equal([2, 1, 0], streams.Values.Select(s => s.Count));
        Assert.Equal(["a1"], added.Select(e => ((ItemAdded)e.Data).Name));
        Assert.Equal(["a1", "b1"], addedWithArchived.Select(e => ((ItemAdded)e.Data).Name).Order());
        Assert.True(addedWithArchived.Select(e => e.SeqId).SequenceEqual(addedWithArchived.Select(e => e.SeqId).Order()));
    }
}
