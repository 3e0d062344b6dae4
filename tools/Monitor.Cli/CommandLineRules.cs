using System.CommandLine;
using System.CommandLine.Parsing;

namespace Monitor.Cli;

/// <summary>
/// Range checks for options. A value that does not even parse ("--count abc") is reported by the parser
/// itself, naming the option; these checks then stay quiet instead of throwing on the unparsable value.
/// </summary>
internal static class CommandLineRules
{
    public static Option<T> MustBe<T>(this Option<T> option, Func<T, bool> valid, string problem)
    {
        option.Validators.Add(result =>
        {
            if (result.Implicit || !TryGetValue(result, out T? value)) return;
            if (value is not null && !valid(value)) result.AddError(problem);
        });
        return option;
    }

    private static bool TryGetValue<T>(OptionResult result, out T? value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }
}
