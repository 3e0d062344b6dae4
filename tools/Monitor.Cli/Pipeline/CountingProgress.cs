using Spectre.Console;

namespace Monitor.Cli.Pipeline;

/// <summary>
/// One progress bar for work whose total is learnt as it goes (messages to move, events to replay).
/// Where output is redirected, a plain line whenever the count changes, at most every two seconds, and the last one.
/// </summary>
public sealed class CountingProgress(IAnsiConsole console)
{
    /// <param name="work">Reports (done, total) as often as it likes.</param>
    public async Task<T> RunAsync<T>(string label, Func<Action<long, long>, Task<T>> work)
    {
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(label), maxValue: 1);
                    return await work((done, total) =>
                    {
                        task.MaxValue = Math.Max(total, 1);
                        task.Value = Math.Min(done, task.MaxValue);
                    });
                });
        }

        (long Done, long Total)? printed = null;
        var printedAt = DateTime.MinValue;
        return await work((done, total) =>
        {
            if (printed == (done, total)) return;
            if (done < total && DateTime.UtcNow - printedAt < TimeSpan.FromSeconds(2)) return;
            printed = (done, total);
            printedAt = DateTime.UtcNow;
            console.WriteLine($"  {label} {done}/{total}");
        });
    }
}
