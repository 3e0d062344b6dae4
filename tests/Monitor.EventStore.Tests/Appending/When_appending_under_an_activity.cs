using System.Diagnostics;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Appending;

/// <summary>
/// An append made while an activity is current stores the activity's W3C trace context in the headers of
/// its events, so that whoever publishes them later can continue that trace.
/// </summary>
public sealed class When_appending_under_an_activity(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_store_the_current_traceparent_in_every_event_of_the_append()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        string traceparent;

        using (var activity = StartActivity())
        {
            traceparent = activity.Id!;
            await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("a"), TestEvents.Added("b")]);
        }

        var events = await store.ReadStreamAsync(stream);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(traceparent, e.Headers[TraceContextHeaders.TraceParent]));
        Assert.All(events, e => Assert.False(e.Headers.ContainsKey(TraceContextHeaders.TraceState)));
        Assert.True(TraceContextHeaders.TryParse(events[0].Headers, out var context));
        Assert.Equal(ActivityContext.Parse(traceparent, null), context);
    }

    [Fact]
    public async Task Should_store_the_tracestate_with_the_traceparent_when_the_activity_has_one()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        string traceparent;

        using (var activity = StartActivity())
        {
            activity.TraceStateString = "monitor=a\"b,vendor=x";
            traceparent = activity.Id!;
            await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("a")]);
        }

        var stored = Assert.Single(await store.ReadStreamAsync(stream));
        Assert.Equal(traceparent, stored.Headers[TraceContextHeaders.TraceParent]);
        Assert.Equal("monitor=a\"b,vendor=x", stored.Headers[TraceContextHeaders.TraceState]);
    }

    [Fact]
    public async Task Should_store_no_headers_when_no_activity_is_current()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        Assert.Null(Activity.Current);

        await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("a")]);

        Assert.Empty(Assert.Single(await store.ReadStreamAsync(stream)).Headers);
    }

    [Fact]
    public async Task Should_keep_exactly_the_callers_own_headers()
    {
        await using var store = await Stores.CreateAsync(schema);
        var stream = Guid.NewGuid();
        var own = new Dictionary<string, string> { ["causation"] = "import-7" };
        string traceparent;

        using (var activity = StartActivity())
        {
            traceparent = activity.Id!;
            await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream,
                [new EventData(Guid.NewGuid(), new ItemAdded("a", 1), own), TestEvents.Added("b")]);
        }

        var events = await store.ReadStreamAsync(stream);
        Assert.Equal(own, events[0].Headers);
        Assert.Equal(traceparent, Assert.Single(events[1].Headers, h => h.Key == TraceContextHeaders.TraceParent).Value);
    }

    [Fact]
    public async Task Should_store_no_trace_context_when_the_option_is_off()
    {
        await using var store = new EventStore(schema.DataSource,
            new EventStoreOptions { ConnectionString = schema.ConnectionString, Schema = schema.Name, RecordTraceContext = false }, TestEvents.Registry());
        await store.EnsureSchemaAsync();
        var stream = Guid.NewGuid();

        using (StartActivity())
            await store.AppendAsync(stream, "cart", ExpectedVersion.NoStream, [TestEvents.Added("a")]);

        Assert.Empty(Assert.Single(await store.ReadStreamAsync(stream)).Headers);
    }

    /// <summary>An activity of its own (no source, so no listener is needed); current on this async flow only.</summary>
    private static Activity StartActivity() =>
        new Activity("append under test").SetIdFormat(ActivityIdFormat.W3C).SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
}
