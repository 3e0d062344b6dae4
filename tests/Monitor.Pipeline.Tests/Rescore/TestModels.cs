using Monitor.SentimentModel;
using Monitor.SentimentModel.Scoring;

namespace Monitor.Pipeline.Tests.Rescore;

/// <summary>Model files made for rescoring tests, in a folder of their own.</summary>
public sealed class TestModels : IDisposable
{
    public TestModels() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "monitor-rescore-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The shipped model with every weight, the bias and the neutral band negated: each logit changes
    /// sign, so positive and negative swap and neutral stays neutral. A second version whose every
    /// decision is known in advance.
    /// </summary>
    public SentimentClassifier Flipped(string version, string fileName = "flipped.bin")
    {
        var shipped = ModelFile.Load(SentimentClassifier.DefaultModelPath());
        var flipped = shipped.Negated(version);
        var path = Path.Combine(Folder, fileName);
        ModelFile.Save(flipped, path);
        return SentimentClassifier.Load(path);
    }

    public static string Flip(string label) => label switch
    {
        "positive" => "negative",
        "negative" => "positive",
        _ => label,
    };

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
