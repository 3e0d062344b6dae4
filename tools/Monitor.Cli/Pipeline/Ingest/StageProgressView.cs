using Spectre.Console;

namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>
/// Shows how far a run has come, one bar per stage on a terminal; where output is redirected
/// (logs, CI), one plain line per change at most every two seconds.
/// </summary>
public sealed class StageProgressView
{
    private readonly IAnsiConsole console;

    public StageProgressView(IAnsiConsole console) => this.console = console;

    public async Task<T> RunAsync<T>(IReadOnlyList<string> stages, long total, Func<Action<string, long>, Task<T>> work)
    {
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = stages.ToDictionary(s => s, s => context.AddTask(s, maxValue: Math.Max(total, 1)));
                    return await work((stage, value) => tasks[stage].Value = value);
                });
        }

        var lastValues = stages.ToDictionary(s => s, _ => -1L);
        var lastPrinted = DateTime.MinValue;
        return await work((stage, value) =>
        {
            var changed = lastValues[stage] != value;
            lastValues[stage] = value;
            var now = DateTime.UtcNow;
            if (!changed || (now - lastPrinted < TimeSpan.FromSeconds(2) && value < total)) return;
            lastPrinted = now;
            Console.WriteLine("  " + string.Join("  ", stages.Where(s => lastValues[s] >= 0).Select(s => $"{s} {lastValues[s]}/{total}")));
        });
    }
}
