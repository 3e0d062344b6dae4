using Spectre.Console;

namespace Monitor.Cli.Pipeline;

/// <summary>
/// The console the pipeline commands write to. Redirected output (a log file, CI, `up` piped to
/// tee) gets no colour codes and a wide page, so tables and hints are not wrapped mid-line.
/// </summary>
public static class PipelineConsole
{
    public static IAnsiConsole Create()
    {
        if (!Console.IsOutputRedirected) return AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }
}
