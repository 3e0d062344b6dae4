using System.Collections.Concurrent;
using Npgsql;

namespace Monitor.EventStore.Tests.Support;

/// <summary>
/// A cart read model as two releases wrote it: version 1 reads only ItemAdded; version 2 also reads
/// ItemRemoved, so its documents equal <see cref="CartProjection.Fold"/>. Counts what it was asked to do.
/// </summary>
public sealed class VersionedCartProjection(string schema, string name, int version)
    : DocumentProjection<Cart>(schema, name.Replace('-', '_'))
{
    private readonly ConcurrentQueue<Guid> _handled = new();
    private int _clears;

    public override string Name => name;

    public override int Version => version;

    public override IReadOnlyCollection<string>? EventTypes => version >= 2 ? ["item-added", "item-removed"] : ["item-added"];

    public override int BatchSize => 20;

    /// <summary>Held inside the clearing transaction (so with the checkpoint row locked): lets others queue behind it.</summary>
    public TimeSpan ClearDelay { get; init; }

    /// <summary>Held inside each batch's transaction (so with the checkpoint row locked): keeps a catch-up busy a while.</summary>
    public TimeSpan HandleDelay { get; init; }

    /// <summary>How many times the read model was cleared, committed or not.</summary>
    public int Clears => Volatile.Read(ref _clears);

    /// <summary>Ids of the events handed to this instance, in order (rolled-back batches included).</summary>
    public IReadOnlyList<Guid> Handled => _handled.ToArray();

    /// <summary>What version 1 makes of a cart's events: every addition, no removal.</summary>
    public static StreamFold<Cart> AdditionsOnly { get; } = new StreamFold<Cart>(() => new Cart(new()))
        .When<ItemAdded>((cart, e) =>
        {
            cart.Items[e.Name] = cart.Items.GetValueOrDefault(e.Name) + e.Quantity;
            return cart;
        });

    public override async Task ClearAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        Interlocked.Increment(ref _clears);
        await base.ClearAsync(connection, transaction, ct);
        if (ClearDelay > TimeSpan.Zero) await Task.Delay(ClearDelay, ct);
    }

    public override async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        foreach (var e in batch) _handled.Enqueue(e.Id);
        await base.HandleAsync(batch, context, ct);
        if (HandleDelay > TimeSpan.Zero) await Task.Delay(HandleDelay, ct);
    }

    protected override Guid? DocumentIdOf(StoredEvent e) => e.StreamId;

    protected override Cart? Apply(Cart? current, StoredEvent e)
    {
        var fold = version >= 2 ? CartProjection.Fold : AdditionsOnly;
        return fold.Apply(current ?? fold.Initial(), e);
    }
}
