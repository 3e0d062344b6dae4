using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace Monitor.Deploy.Tests.Compose;

public partial class When_checking_the_service_dockerfile
{
    private readonly string[] instructions = Repository.Read(ComposeFile.ServiceDockerfile)
        .Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToArray();

    [Fact]
    public void Should_build_the_web_assets_with_node_then_the_service_with_the_sdk_and_run_on_the_aspnet_runtime()
    {
        var stages = instructions.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, stages.Count);
        Assert.StartsWith("FROM node:", stages[0]);
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:", stages[1]);
        Assert.EndsWith(" AS build", stages[1]);
        Assert.Equal("FROM scratch AS published", stages[2]);
        Assert.Equal("FROM ${APP_FROM} AS app", stages[3]);
        Assert.Contains("mcr.microsoft.com/dotnet/aspnet:", stages[4]);
        Assert.Contains(instructions, l => l.StartsWith("COPY --from=app ", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_build_in_the_sdk_image_unless_told_to_take_the_hosts_publish_output()
    {
        var firstStage = Array.FindIndex(instructions, l => l.StartsWith("FROM ", StringComparison.Ordinal));

        Assert.InRange(Array.IndexOf(instructions, "ARG APP_FROM=build"), 0, firstStage - 1);
        Assert.Contains("COPY .monitor/publish/${SERVICE}/ /app/", instructions);
    }

    [Fact]
    public void Should_run_as_a_non_root_user()
    {
        var user = instructions.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));

        Assert.NotNull(user);
        Assert.DoesNotMatch(new Regex(@"^USER\s+(root|0)(:|$)"), user);
        Assert.True(Array.IndexOf(instructions, user) > Array.FindLastIndex(instructions, l => l.StartsWith("FROM ", StringComparison.Ordinal)),
            "USER must be set in the runtime stage");
    }

    [Fact]
    public void Should_take_the_service_folder_as_a_build_argument_of_the_build_stage()
    {
        var argument = Array.IndexOf(instructions, "ARG SERVICE");
        var runtimeStage = Array.FindLastIndex(instructions, l => l.StartsWith("FROM ", StringComparison.Ordinal));

        Assert.InRange(argument, 1, runtimeStage - 1);
        Assert.Contains(instructions, l => l.Contains("dotnet publish \"$project\""));
    }

    [Theory]
    [InlineData("Ingestion", "services/Ingestion/Monitor.Ingestion.csproj")]
    [InlineData("Feeds/Weibo", "services/Feeds/Weibo/Monitor.Feeds.Weibo.csproj")]
    public void Should_publish_the_project_of_a_flat_or_nested_service_folder(string folder, string project)
    {
        // evaluates the Dockerfile's own expression with the shell the build stage runs it in
        var expression = ProjectExpression().Match(Repository.Read(ComposeFile.ServiceDockerfile));
        Assert.True(expression.Success, "the Dockerfile sets no project=\"services/...csproj\"");

        var evaluated = RunShell($"SERVICE='{folder}'; echo \"{expression.Groups[1].Value}\"");

        Assert.Equal(project, evaluated);
        Assert.True(File.Exists(Repository.PathOf(project)), $"{project} does not exist");
    }

    private static string RunShell(string script)
    {
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { RedirectStandardOutput = true })!;
        var output = shell.StandardOutput.ReadToEnd().Trim();
        Assert.True(shell.WaitForExit(TimeSpan.FromSeconds(10)), "sh did not finish within 10s");
        return output;
    }

    [GeneratedRegex(@"project=""(services/[^\n]+?\.csproj)""")]
    private static partial Regex ProjectExpression();
}
