using Microsoft.Extensions.Hosting;
using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Marten;

/// <summary>
/// Two service instances run the same subscription with Marten's daemon in HotCold mode: one of them applies
/// the log, the other takes over when it stops, and no event is applied twice or lost.
/// </summary>
public sealed class When_two_instances_run_a_subscription_under_martens_daemon : IAsyncLifetime
{
    private readonly PostgresSchema _schema = new();

    public Task InitializeAsync() => _schema.InitializeAsync();

    public Task DisposeAsync() => _schema.DisposeAsync();

    [Fact]
    public async Task Should_let_one_apply_the_log_and_the_other_take_over_when_it_stops()
    {
        var first = await CountingHandler.CreateAsync(_schema.DataSource, _schema.Name);
        var second = first.Twin();
        await using var log = await Stores.CreateAsync(_schema);
        var streams = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        using var a = await StartInstanceAsync(first);
        using var b = await StartInstanceAsync(second);

        await AppendRoundAsync(log, streams, 0);
        await Until.ValueAsync(() => first.CountsAsync(_schema.DataSource), c => c.Values.Sum() == 5, TimeSpan.FromSeconds(60));
        var active = first.Delivered.Count > 0 ? a : b;
        var (activeHandler, standby) = active == a ? (first, second) : (second, first);
        Assert.Empty(standby.Delivered);

        await active.StopAsync();
        await AppendRoundAsync(log, streams, 1);
        var counts = await Until.ValueAsync(() => first.CountsAsync(_schema.DataSource), c => c.Values.Sum() == 10, TimeSpan.FromSeconds(90));

        Assert.All(streams, s => Assert.Equal(2, counts[s]));
        Assert.NotEmpty(standby.Delivered);
        Assert.Equal(5, activeHandler.Delivered.Count);
    }

    private static async Task AppendRoundAsync(EventStore log, Guid[] streams, int round) =>
        await log.AppendBatchAsync(streams.Select(s => new StreamAppend(s, "cart", ExpectedVersion.Any, [TestEvents.Note(round)])).ToArray());

    // One lock for this test's two instances only: advisory locks are per database, shared with every other test.
    private readonly int _leaderLock = Random.Shared.Next(1_000_000, int.MaxValue);

    private async Task<IHost> StartInstanceAsync(CountingHandler handler)
    {
        await using var store = await Stores.CreateAsync(_schema);
        return await RunningDaemon.StartHostAsync(store, new HandlerSubscription("counting", handler, _schema.DataSource), _leaderLock);
    }
}
