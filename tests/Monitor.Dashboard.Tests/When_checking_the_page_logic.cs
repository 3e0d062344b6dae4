using System.Diagnostics;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Dashboard.Tests;

/// <summary>
/// The page's pure logic (time buckets, filters kept in the URL) is JavaScript: its tests are node's
/// (web/dashboard/test), run here so ./monitor test covers them. No browser, no infrastructure.
/// </summary>
public sealed class When_checking_the_page_logic(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_pass_the_node_tests_of_buckets_and_filters()
    {
        var tests = Path.Combine(RepositoryRoot.Path, "web", "dashboard", "test");
        var start = new ProcessStartInfo("node", $"--test \"{tests}{Path.DirectorySeparatorChar}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("node --test did not finish within 60 s");
        }

        var text = await stdout + await stderr;
        output.WriteLine(text);
        Assert.True(process.ExitCode == 0, $"node --test {tests} failed (exit {process.ExitCode}):\n{text}");
        Assert.Contains("# fail 0", text);
        Assert.Matches(@"# pass [1-9]", text);
    }
}
