using Spectre.Console;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>
/// Shows how far a run has come, one bar per stage on a terminal; where output is redirected
/// (logs, CI), one plain line whenever the figures change, at most every two seconds.
/// </summary>
public sealed class StageProgressView(IAnsiConsole console)
{
    /// <param name="work">Reports the current value of every stage, in the order of <paramref name="stages"/>.</param>
    public async Task<T> RunAsync<T>(IReadOnlyList<string> stages, long total, Func<Action<long[]>, Task<T>> work)
    {
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = stages.Select(s => context.AddTask(s, maxValue: Math.Max(total, 1))).ToArray();
                    return await work(values =>
                    {
                        for (var i = 0; i < tasks.Length; i++) tasks[i].Value = values[i];
                    });
                });
        }

        long[]? printed = null;
        var printedAt = DateTime.MinValue;
        return await work(values =>
        {
            var finished = values.All(v => v >= total);
            if (printed is not null && printed.SequenceEqual(values)) return;
            if (!finished && DateTime.UtcNow - printedAt < TimeSpan.FromSeconds(2)) return;
            printed = values.ToArray();
            printedAt = DateTime.UtcNow;
            console.WriteLine("  " + string.Join("  ", stages.Select((s, i) => $"{s} {values[i]}/{total}")));
        });
    }
}
