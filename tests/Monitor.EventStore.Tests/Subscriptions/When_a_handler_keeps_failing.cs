using Monitor.EventStore.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.EventStore.Tests.Subscriptions;

public sealed class When_a_handler_keeps_failing(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task Should_stop_with_an_error_naming_the_subscription_and_keep_the_checkpoint()
    {
        await using var store = await Stores.CreateAsync(schema);
        await store.AppendAsync(Guid.NewGuid(), "cart", ExpectedVersion.NoStream, [TestEvents.Note(1)]);
        var handler = new FailingHandler();
        var subscription = new Subscription(store, new SubscriptionOptions { Name = "poisoned", MaxHandlerAttempts = 2 }, handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<SubscriptionFailedException>(() => subscription.RunAsync(cts.Token));

        Assert.Equal(2, handler.Attempts);
        Assert.Equal("poisoned", error.SubscriptionName);
        Assert.Contains("Subscription 'poisoned' stopped: its handler failed 2 times", error.Message);
        Assert.Contains("no such product", error.Message);
        Assert.Equal(GlobalPosition.Start, subscription.Checkpoint);
    }

    private sealed class FailingHandler : ISubscriptionHandler
    {
        public int Attempts { get; private set; }

        public Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
        {
            Attempts++;
            throw new InvalidOperationException("no such product");
        }
    }
}
