namespace Monitor.EventStore.Tests.Support;

public sealed record Cart(Dictionary<string, int> Items);

/// <summary>A document per cart stream: item name to quantity.</summary>
public sealed class CartProjection(string schema) : DocumentProjection<Cart>(schema, "carts")
{
    public override string Name => "carts";

    public override IReadOnlyCollection<string>? EventTypes => ["item-added", "item-removed"];

    public static StreamFold<Cart> Fold { get; } = new StreamFold<Cart>(() => new Cart(new()))
        .When<ItemAdded>((cart, e) => Apply(cart, e))
        .When<ItemRemoved>((cart, e) => Apply(cart, e));

    protected override Guid? DocumentIdOf(StoredEvent e) => e.StreamId;

    protected override Cart? Apply(Cart? current, StoredEvent e) => e.Data switch
    {
        ItemAdded added => Apply(current ?? new Cart(new()), added),
        ItemRemoved removed => Apply(current ?? new Cart(new()), removed),
        _ => current,
    };

    private static Cart Apply(Cart cart, ItemAdded e)
    {
        cart.Items[e.Name] = cart.Items.GetValueOrDefault(e.Name) + e.Quantity;
        return cart;
    }

    private static Cart Apply(Cart cart, ItemRemoved e)
    {
        cart.Items.Remove(e.Name);
        return cart;
    }
}
