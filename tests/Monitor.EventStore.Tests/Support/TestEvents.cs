namespace Monitor.EventStore.Tests.Support;

public sealed record ItemAdded(string Name, int Quantity);
public sealed record ItemRemoved(string Name);
public sealed record Noted(int Number);

public static class TestEvents
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<ItemAdded>("item-added")
        .Register<ItemRemoved>("item-removed")
        .Register<Noted>("noted");

    public static EventData Added(string name, int quantity = 1) => new(Guid.NewGuid(), new ItemAdded(name, quantity));
    public static EventData Note(int number) => new(Guid.NewGuid(), new Noted(number));
}
