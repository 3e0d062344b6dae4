namespace Monitor.Platforms;

/// <summary>Raised inside a reader when a field of an item is missing or unreadable; the reader turns it into an error result.</summary>
internal sealed class InvalidItemException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;
}
