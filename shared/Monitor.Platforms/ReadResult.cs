namespace Monitor.Platforms;

/// <summary>The outcome of reading one item: the item, or an error that names the field and why.</summary>
/// <remarks>Readers never throw for bad data in an item; a feed logs the error and carries on.</remarks>
public sealed record ReadResult<T>(T? Item, string? Error)
    where T : class
{
    public bool IsSuccess => Item is not null;

    public static ReadResult<T> Success(T item) => new(item, null);

    public static ReadResult<T> Failure(string error) => new(null, error);
}
