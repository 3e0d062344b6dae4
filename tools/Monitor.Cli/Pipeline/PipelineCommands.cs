using System.CommandLine;
using Monitor.Cli.Pipeline.Ingest;
using Monitor.Cli.Pipeline.Stats;

namespace Monitor.Cli.Pipeline;

/// <summary>The command area that feeds coverage into the running pipeline and reports what the store holds.</summary>
public static class PipelineCommands
{
    public static IEnumerable<Command> Create() => [IngestCommand.Create(), StatsCommand.Create()];

    /// <summary>Runs a command body, turning the failures it expects into a message and an exit code.</summary>
    internal static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (PipelineCommandException e)
        {
            Console.Error.WriteLine($"monitor: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("monitor: cancelled");
            return ExitCodes.Failed;
        }
    }
}
