using Monitor.Cli.Tests.Infrastructure;

namespace Monitor.Cli.Tests.Usage;

public sealed class When_the_command_line_is_wrong
{
    private static readonly Dictionary<string, string> NoEnvironment = new();

    [Theory]
    [InlineData("--count", "errors", "replay", "coverage-received_error", "--count", "many")]
    [InlineData("--count must be a positive", "errors", "replay", "coverage-received_error", "--count", "0")]
    [InlineData("must end in _error", "errors", "show", "coverage-received")]
    [InlineData("--count N or --all", "errors", "replay", "coverage-received_error")]
    [InlineData("id 'not-a-guid' is not a subscription id", "subscriptions", "show", "not-a-guid", "--key", "k")]
    [InlineData("--window 'fortnight' is not a positive duration", "subscriptions", "add", "--name", "x", "--window", "fortnight", "--key", "k")]
    [InlineData("--url 'ftp://x' is not an absolute http(s) URL", "subscriptions", "list", "--url", "ftp://x", "--key", "k")]
    [InlineData("Unrecognized command or argument 'frobnicate'", "frobnicate")]
    [InlineData("--from 'last tuesday' is not a date or time", "subscriptions", "backtest", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "--from", "last tuesday", "--key", "k")]
    [InlineData("--speed must be a positive number", "replay", "--speed", "-2")]
    [InlineData("say which read model to rebuild", "projections", "rebuild")]
    public async Task Should_exit_2_naming_the_argument_that_is_wrong(string expected, params string[] args)
    {
        var result = await CliRun.RunAsync(NoEnvironment, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Error);
    }

    [Theory]
    [InlineData("give at least one rule", "subscriptions", "add", "--name", "x", "--key", "k")]
    [InlineData("--name is required", "subscriptions", "add", "--reach", "10", "--key", "k")]
    [InlineData("--platform 'tiktok' is not one of", "subscriptions", "add", "--name", "x", "--reach", "10", "--platform", "tiktok", "--key", "k")]
    [InlineData("--quiet-hours '22-7h' is not a range", "subscriptions", "add", "--name", "x", "--reach", "10", "--quiet-hours", "22-7h", "--key", "k")]
    [InlineData("--file holds the whole subscription; leave out --name", "subscriptions", "add", "--file", "x.json", "--name", "x", "--key", "k")]
    public async Task Should_exit_2_before_calling_the_service_when_the_subscription_is_incomplete(string expected, params string[] args)
    {
        // --url points at a closed port: a call would exit 3, so exit 2 shows nothing was sent.
        var result = await CliRun.RunAsync(NoEnvironment, [.. args, "--url", "http://127.0.0.1:9"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public async Task Should_ask_for_a_key_when_none_is_given()
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string> { ["MONITOR_API_KEY"] = "" }, "subscriptions", "list", "--url", "http://127.0.0.1:9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("give --key or set MONITOR_API_KEY", result.Error);
    }

    [Theory]
    [InlineData("errors", "replay")]
    [InlineData("subscriptions", "add")]
    [InlineData("subscriptions", "backtest")]
    public async Task Should_explain_every_command_with_help(params string[] command)
    {
        var result = await CliRun.RunAsync(NoEnvironment, [.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output);
        Assert.Contains($"monitor {string.Join(' ', command)}", result.Output);
    }
}
