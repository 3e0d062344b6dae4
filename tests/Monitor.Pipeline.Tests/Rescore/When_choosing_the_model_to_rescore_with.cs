using Monitor.Cli.Sentiment;
using Monitor.SentimentModel.Catalogue;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>--model takes a version found among the model files, or a model file path.</summary>
public sealed class When_choosing_the_model_to_rescore_with : IDisposable
{
    private readonly TestModels _models = new();

    [Fact]
    public void Should_find_a_model_file_by_the_version_inside_it()
    {
        _models.Flipped("catalogue-a", "one.bin");
        _models.Flipped("catalogue-b", "two.bin");

        var catalogue = ModelCatalogue.Scan([_models.Folder]);

        Assert.Equal(Path.Combine(_models.Folder, "two.bin"), catalogue.Find("catalogue-b").Path);
        Assert.Equal("catalogue-a", catalogue.Load("catalogue-a").Version);
        Assert.Equal("catalogue-b", catalogue.Load(Path.Combine(_models.Folder, "two.bin")).Version);
    }

    [Fact]
    public void Should_name_the_versions_found_when_the_version_is_unknown()
    {
        _models.Flipped("catalogue-a", "one.bin");
        _models.Flipped("catalogue-b", "two.bin");
        File.WriteAllText(Path.Combine(_models.Folder, "broken.bin"), "not a model");

        var catalogue = ModelCatalogue.Scan([_models.Folder, Path.Combine(_models.Folder, "missing")]);
        var error = Assert.Throws<UnknownModelVersionException>(() => catalogue.Load("catalogue-z"));

        Assert.Equal(["catalogue-a", "catalogue-b"], error.KnownVersions);
        Assert.Contains("'catalogue-z'", error.Message);
        Assert.Contains("catalogue-a, catalogue-b", error.Message);
        Assert.Single(catalogue.Unreadable);
    }

    [Fact]
    public void Should_report_a_missing_model_file_as_a_missing_file_not_an_unknown_version()
    {
        var catalogue = ModelCatalogue.Scan([_models.Folder]);

        var error = Assert.Throws<FileNotFoundException>(() => catalogue.Load(Path.Combine(_models.Folder, "nowhere.bin")));

        Assert.Contains("nowhere.bin", error.Message);
    }

    [Fact]
    public async Task Rescore_command_exits_with_the_usage_code_when_the_version_is_unknown()
    {
        var exitCode = await RescoreCommand.Create().Parse(["--model", "no-such-version-" + Guid.NewGuid().ToString("N")]).InvokeAsync();

        Assert.Equal(Monitor.Cli.Pipeline.ExitCodes.Usage, exitCode);
    }

    public void Dispose() => _models.Dispose();
}
