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

/// <summary>Options whose values need more than a type conversion: durations, times of day, URLs.</summary>
internal static class CommandLineValues
{
    /// <summary>"90s", "15m", "1h", "24h", "00:15:00" or a number of seconds; a bad value is a parse error naming the option.</summary>
    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description + " (e.g. 30s, 15m, 1h, 00:15:00)",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            try
            {
                return Monitor.Feeds.Sdk.Configuration.FeedSettings.ParseDuration(text, name);
            }
            catch (Monitor.Hosting.Configuration.InvalidSettingException)
            {
                result.AddError($"{name} '{text}' is not a positive duration such as 30s, 15m, 1h or 00:15:00");
                return null;
            }
        },
    };

    /// <summary>A date, or a date and time with or without an offset (UTC when it has none); a bad value names the option.</summary>
    public static Option<DateTimeOffset?> Time(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var at)) return at;
            result.AddError($"{name} '{text}' is not a date or time such as 2024-03-28 or 2024-03-28T10:00+08:00");
            return null;
        },
    };

    public static Option<Uri> HttpUrl(string name, string description, string? fallback = null)
    {
        var option = new Option<Uri>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
                result.AddError($"{name} '{text}' is not an absolute http(s) URL");
                return null;
            },
        };
        if (fallback is not null) option.DefaultValueFactory = _ => new Uri(fallback);
        return option;
    }
}
