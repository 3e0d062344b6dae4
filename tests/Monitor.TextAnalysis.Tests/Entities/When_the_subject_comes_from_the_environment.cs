using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Entities;

/// <summary>The only tests that set MONITOR_SUBJECT; every other test uses the built-in subject directly.</summary>
public sealed class When_the_subject_comes_from_the_environment : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"monitor-subject-{Guid.NewGuid():N}.json");
    private readonly string? _previous = Environment.GetEnvironmentVariable(Gazetteer.SubjectVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Gazetteer.SubjectVariable, _previous);
        File.Delete(_path);
    }

    [Fact]
    public void Should_load_the_file_that_MONITOR_SUBJECT_names()
    {
        File.WriteAllText(_path, """{ "subject": "ev", "entities": [ { "id": "nio", "name": "NIO", "type": "competitor", "aliases": ["蔚来"] } ] }""");
        Environment.SetEnvironmentVariable(Gazetteer.SubjectVariable, _path);

        var extracted = ContentExtractor.CreateDefault().Extract(Items.Weibo("蔚来和小米"));

        Assert.Equal(["nio"], extracted.Entities.Select(e => e.Id));
    }

    [Fact]
    public void Should_use_the_built_in_subject_when_MONITOR_SUBJECT_is_unset()
    {
        Environment.SetEnvironmentVariable(Gazetteer.SubjectVariable, null);

        Assert.Equal("su7", Gazetteer.LoadDefault().Subject);
    }

    [Fact]
    public void Should_fail_loudly_when_MONITOR_SUBJECT_names_a_missing_file()
    {
        Environment.SetEnvironmentVariable(Gazetteer.SubjectVariable, _path);

        Assert.Throws<FileNotFoundException>(Gazetteer.LoadDefault);
    }
}
