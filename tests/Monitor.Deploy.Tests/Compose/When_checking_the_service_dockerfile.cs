using System.Text.RegularExpressions;
using Xunit;

namespace Monitor.Deploy.Tests.Compose;

public class When_checking_the_service_dockerfile
{
    private readonly string[] instructions = Repository.Read(ComposeFile.ServiceDockerfile)
        .Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToArray();

    [Fact]
    public void Should_build_with_the_sdk_and_run_on_the_aspnet_runtime()
    {
        var stages = instructions.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:", stages[0]);
        Assert.Contains("mcr.microsoft.com/dotnet/aspnet:", stages[1]);
        Assert.Contains(instructions, l => l.StartsWith("COPY --from=build ", StringComparison.Ordinal));
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
    public void Should_take_the_service_as_a_build_argument_in_both_stages()
    {
        Assert.Equal(2, instructions.Count(l => l == "ARG SERVICE"));
        Assert.Contains(instructions, l => l.Contains("dotnet publish \"services/${SERVICE}/Monitor.${SERVICE}.csproj\""));
    }
}
