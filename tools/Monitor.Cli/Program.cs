using System.CommandLine;
using Monitor.Cli.Pipeline;

var root = new RootCommand("Monitor: media monitoring over an event-sourced pipeline");
foreach (var command in PipelineCommands.Create()) root.Subcommands.Add(command);

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"monitor: {error.Message}");
    Console.Error.WriteLine("monitor: see ./monitor --help");
    return ExitCodes.Usage;
}
return await parsed.InvokeAsync();
