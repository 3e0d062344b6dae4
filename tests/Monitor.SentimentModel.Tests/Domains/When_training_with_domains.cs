using Monitor.SentimentModel.Domains;
using Monitor.SentimentModel.Scoring;
using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Domains;

/// <summary>
/// Two review sets where two words swap meaning: a cold (冷) hotel room is a complaint and a warm (热)
/// one praise, while a cold drink is praise and a warm one a complaint. No single weight per word fits
/// both (the subject words cannot make up for it either: the sets are an exclusive or); a copy per domain can.
/// </summary>
public class When_training_with_domains : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("monitor-sentiment-domains-").FullName;

    public When_training_with_domains()
    {
        Write("hotels", ["房间", "前台", "床铺", "走廊"], positive: "热", negative: "冷");
        Write("drinks", ["啤酒", "可乐", "果汁", "奶茶"], positive: "冷", negative: "热");
    }

    private void Write(string set, string[] subjects, string positive, string negative)
    {
        Directory.CreateDirectory(Path.Combine(_data, set));
        using var writer = new StreamWriter(Path.Combine(_data, set, $"{set}.csv"));
        writer.WriteLine("label,review");
        for (var i = 0; i < 1600; i++)
        {
            var isPositive = i % 2 == 0;
            writer.WriteLine($"{(isPositive ? 1 : 0)},{subjects[i / 2 % subjects.Length]} {i} {(isPositive ? positive : negative)}");
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static readonly TrainingOptions Options = new()
    {
        HashBits = 14,
        Epochs = 3,
        Version = "toy-domains-1",
        Domains = new DomainOptions
        {
            SetDomains = new Dictionary<string, string> { ["hotels"] = "hotel", ["drinks"] = "drink" },
            SharedOnly = new HashSet<string>(),
            HashBits = 12,
            ClassifierBits = 10,
        },
    };

    [Fact]
    public void Should_learn_what_a_word_means_in_each_domain()
    {
        var (model, report) = new ModelTrainer(Options).Train(_data, null, null);
        var classifier = new SentimentClassifier(model);

        Assert.NotNull(model.Domains);
        Assert.Equal(["drink", "hotel"], model.Domains.Names);
        Assert.True(classifier.Logit("房间 9999 冷") < 0, "a cold room is a complaint");
        Assert.True(classifier.Logit("啤酒 9999 冷") > 0, "a cold beer is praise");
        Assert.True(classifier.Logit("房间 9999 热") > 0, "a warm room is praise");
        Assert.True(classifier.Logit("啤酒 9999 热") < 0, "a warm beer is a complaint");
        Assert.All(report.Sets, s => Assert.True(s.TestAccuracy > 0.95, $"{s.Set}: held-out accuracy {s.TestAccuracy}"));
        Assert.True(report.Domains!.ClassifierDevAccuracy.Values.All(a => a > 0.95));
    }

    [Fact]
    public void Should_do_better_than_one_weight_space_on_the_word_that_changes_meaning()
    {
        var shared = new SentimentClassifier(new ModelTrainer(Options with { Domains = null }).Train(_data, null, null).Model);
        var adapted = new SentimentClassifier(new ModelTrainer(Options).Train(_data, null, null).Model);
        string[] complaints = ["房间 9001 冷", "前台 9002 冷", "可乐 9003 热", "奶茶 9004 热"];
        string[] praise = ["啤酒 9001 冷", "果汁 9002 冷", "床铺 9003 热", "走廊 9004 热"];

        static int Right(SentimentClassifier c, string[] complaints, string[] praise) =>
            complaints.Count(t => c.Logit(t) < 0) + praise.Count(t => c.Logit(t) > 0);

        Assert.True(Right(adapted, complaints, praise) == 8,
            $"adapted: {string.Join(", ", complaints.Concat(praise).Select(t => $"{t} {adapted.Logit(t):F2}"))}; shared: {string.Join(", ", complaints.Concat(praise).Select(t => $"{t} {shared.Logit(t):F2}"))}");
        Assert.True(Right(shared, complaints, praise) <= 6, $"one weight space got {Right(shared, complaints, praise)} of 8");
    }

    [Fact]
    public void Should_produce_the_same_model_bytes_every_time()
    {
        static byte[] Bytes(ModelWeights model)
        {
            using var stream = new MemoryStream();
            ModelFile.Write(model, stream);
            return stream.ToArray();
        }

        Assert.Equal(Bytes(new ModelTrainer(Options).Train(_data, null, null).Model), Bytes(new ModelTrainer(Options).Train(_data, null, null).Model));
    }

    [Fact]
    public void Should_score_the_same_after_a_round_trip_through_a_file()
    {
        var model = new ModelTrainer(Options).Train(_data, null, null).Model;
        using var stream = new MemoryStream();

        ModelFile.Write(model, stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        var domains = model.Domains!;
        var read = loaded.Domains!;
        Assert.Equal(domains.Names, read.Names);
        Assert.Equal(domains.HashBits, read.HashBits);
        Assert.Equal(domains.Weights, read.Weights);
        Assert.Equal(domains.Biases, read.Biases);
        Assert.Equal(domains.Scales, read.Scales);
        Assert.Equal(domains.Mixing, read.Mixing);
        Assert.Equal(domains.Threshold, read.Threshold);
        Assert.Equal(domains.Classifier.HashBits, read.Classifier.HashBits);
        Assert.Equal(domains.Classifier.Scale, read.Classifier.Scale);
        Assert.Equal(domains.Classifier.Weights, read.Classifier.Weights);
        Assert.Equal(domains.Classifier.Biases, read.Classifier.Biases);
        foreach (var text in new[] { "房间 1 冷", "啤酒 2 冷", "" })
            Assert.Equal(new SentimentClassifier(model).Predict(text), new SentimentClassifier(loaded).Predict(text), PredictionComparer.Instance);
    }

    [Fact]
    public void Should_train_one_weight_space_when_no_set_belongs_to_a_domain()
    {
        var options = Options with { Domains = Options.Domains! with { SetDomains = new Dictionary<string, string> { ["elsewhere"] = "other" } } };

        var (model, report) = new ModelTrainer(options).Train(_data, null, null);

        Assert.Null(model.Domains);
        Assert.Null(report.Domains);
    }

    private sealed class PredictionComparer : IEqualityComparer<SentimentPrediction>
    {
        public static readonly PredictionComparer Instance = new();

        public bool Equals(SentimentPrediction? x, SentimentPrediction? y) =>
            x is not null && y is not null && x.Label == y.Label && x.Score == y.Score && x.TopPhrases.SequenceEqual(y.TopPhrases);

        public int GetHashCode(SentimentPrediction obj) => obj.Label.GetHashCode();
    }
}
