namespace Monitor.Alerts.Tests.Service;

internal static class Eventually
{
    /// <summary>Polls until the condition holds or the timeout passes (then fails with what was awaited).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s\n{context?.Invoke()}");
    }
}
