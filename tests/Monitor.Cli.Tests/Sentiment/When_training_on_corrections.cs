using Monitor.Cli.Tests.Infrastructure;
using Monitor.Contracts;
using Monitor.SentimentModel;

namespace Monitor.Cli.Tests.Sentiment;

/// <summary>
/// The correction loop end to end: a person corrects a mention's label with ./monitor sentiment correct (through the
/// API), and ./monitor sentiment train --corrections learns it: the retrained model scores that text the corrected way.
/// </summary>
public sealed class When_training_on_corrections(ApiService api) : IClassFixture<ApiService>, IDisposable
{
    private const string Corrected = "门店 遥遥领先 续航";

    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-corrections-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>300 short posts in three classes, each resting on one word ("toy3"), as the training data.</summary>
    private string WriteData()
    {
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(Path.Combine(data, "toy3"));
        var words = new Dictionary<string, string[]>
        {
            ["positive"] = ["好", "棒", "喜欢", "great", "love"],
            ["negative"] = ["差", "烂", "失望", "awful", "hate"],
            ["neutral"] = ["请问 几点", "发布 时间", "请问 价格", "when does it open", "was announced today"],
        };
        var subjects = new[] { "汽车", "门店", "交付", "the car", "the store" };
        var labels = words.Keys.ToArray();
        File.WriteAllLines(Path.Combine(data, "toy3", "posts.csv"),
            ["label,text", .. Enumerable.Range(0, 300).Select(i => $"{labels[i % 3]},{subjects[i % 5]} {i} {words[labels[i % 3]][i / 3 % 5]}")]);
        return data;
    }

    private Task<CliResult> TrainAsync(string data, string model, params string[] more) =>
        CliRun.RunAsync(api.Environment(ApiService.AdminKey), TimeSpan.FromMinutes(3),
        [
            "sentiment", "train", "--data", data, "--out", model, "--su7-train", Path.Combine(_folder, "none.tsv"),
            "--su7-dev", Path.Combine(_folder, "none.tsv"), "--su7-test", Path.Combine(_folder, "none.tsv"), "--lexicon-weight", "0",
            "--hash-bits", "16", "--subjectivity-bits", "14", "--epochs", "3", .. more,
        ]);

    [Fact]
    public async Task Should_retrain_a_model_that_scores_the_corrected_text_the_corrected_way()
    {
        var id = await CorrectedItems.StoreScoredAsync(api.Store, Corrected, SentimentLabels.Neutral);
        var data = WriteData();

        var correct = await CliRun.RunAsync(api.Environment(ApiService.AdminKey),
            ["sentiment", "correct", id.ToString(), "--to", "positive", "--note", "遥遥领先 is praise", .. api.Url]);
        Assert.True(correct.ExitCode == 0, correct.ToString());
        Assert.Contains($"mention {id}: positive (corrected by admin at ", correct.Output);

        var before = await TrainAsync(data, Path.Combine(_folder, "before", "sentiment.bin"));
        var after = await TrainAsync(data, Path.Combine(_folder, "after", "sentiment.bin"), "--corrections");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("corrections: 1 training rows from 1 corrections of 1 items", after.Error);
        Assert.NotEqual("positive", SentimentClassifier.Load(Path.Combine(_folder, "before", "sentiment.bin")).Predict(Corrected).Label);
        Assert.Equal("positive", SentimentClassifier.Load(Path.Combine(_folder, "after", "sentiment.bin")).Predict(Corrected).Label);
        Assert.Contains("staff corrections: 1 training rows", await File.ReadAllTextAsync(Path.Combine(_folder, "after", "MODEL_CARD.md")));
    }

    [Fact]
    public async Task Should_refuse_a_label_that_is_not_a_sentiment_before_calling_the_api()
    {
        var run = await CliRun.RunAsync(api.Environment(ApiService.AdminKey), ["sentiment", "correct", Guid.NewGuid().ToString(), "--to", "angry", .. api.Url]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("angry", run.Error);
    }

    [Fact]
    public async Task Should_say_when_the_mention_is_not_known()
    {
        var run = await CliRun.RunAsync(api.Environment(ApiService.AdminKey), ["sentiment", "correct", Guid.NewGuid().ToString(), "--to", "neutral", .. api.Url]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("not found", run.Error);
    }
}
