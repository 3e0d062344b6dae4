namespace Monitor.Testing;

/// <summary>Bounded polling for integration tests: conditions that become true asynchronously.</summary>
public static class Until
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes and
    /// returns whether it held. It is checked once more at the deadline, so a slow last poll still counts.
    /// </summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(interval ?? DefaultInterval);
        }
        return await condition();
    }

    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? interval = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, interval);

    /// <summary>Reads a value until <paramref name="done"/> holds for it or <paramref name="timeout"/> passes; returns the last value read.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(interval ?? DefaultInterval);
            value = await read();
        }
        return value;
    }
}
