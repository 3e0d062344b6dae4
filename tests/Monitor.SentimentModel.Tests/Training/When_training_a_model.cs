using Monitor.SentimentModel.Scoring;
using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Training;

public class When_training_a_model : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("monitor-sentiment-data-").FullName;

    public When_training_a_model() => ToyReviews.Write(_data);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static readonly TrainingOptions Small = new() { HashBits = 14, Epochs = 3, Version = "toy-1" };

    [Fact]
    public void Should_learn_the_polarity_words_and_report_held_out_accuracy()
    {
        var (model, report) = new ModelTrainer(Small).Train(_data, null, null);
        var classifier = new SentimentClassifier(model);

        var set = Assert.Single(report.Sets);
        Assert.Equal("toy", set.Set);
        Assert.True(set.TestAccuracy > 0.95, $"held-out accuracy {set.TestAccuracy}");
        Assert.True(classifier.Logit("酒店 很满意") > 0);
        Assert.True(classifier.Logit("the phone is terrible") < 0);
        Assert.Equal(1200, report.TrainRows + report.DevRows + report.TestRows);
    }

    [Fact]
    public void Should_produce_the_same_model_bytes_every_time()
    {
        var first = new ModelTrainer(Small).Train(_data, null, null).Model;
        var second = new ModelTrainer(Small).Train(_data, null, null).Model;

        Assert.Equal(Bytes(first), Bytes(second));
    }

    [Fact]
    public void Should_shuffle_the_rows_by_the_seed_it_is_given()
    {
        var first = new ModelTrainer(Small).Train(_data, null, null).Model;
        var reseeded = new ModelTrainer(Small with { Seed = Small.Seed + 1 }).Train(_data, null, null).Model;

        Assert.NotEqual(Bytes(first), Bytes(reseeded));
    }

    [Fact]
    public void Should_still_learn_and_repeat_itself_with_features_dropped_while_training()
    {
        var noisy = Small with { FeatureDropout = 0.5 };

        var (model, report) = new ModelTrainer(noisy).Train(_data, null, null);
        var again = new ModelTrainer(noisy).Train(_data, null, null).Model;
        var plain = new ModelTrainer(Small).Train(_data, null, null).Model;

        var set = Assert.Single(report.Sets);
        Assert.True(set.TestAccuracy > 0.95, $"held-out accuracy {set.TestAccuracy}");
        Assert.Equal(Bytes(model), Bytes(again));
        Assert.NotEqual(Bytes(plain), Bytes(model));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.99999999)]
    [InlineData(-0.1)]
    public void Should_refuse_a_dropout_that_would_leave_nothing_to_learn_from(double dropout)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ModelTrainer(Small with { FeatureDropout = dropout }).Train(_data, null, null));

        Assert.Contains("[0, 1)", error.Message);
    }

    private static byte[] Bytes(ModelWeights model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(model, stream);
        return stream.ToArray();
    }

    private static readonly TrainingOptions SmallEnsemble = Small with
    {
        Embedding = new EmbeddingOptions { HashBits = 10, Hidden = 4, Epochs = 3 },
    };

    [Fact]
    public void Should_train_an_embedding_bag_and_stacker_when_asked()
    {
        var (model, report) = new ModelTrainer(SmallEnsemble).Train(_data, null, null);
        var classifier = new SentimentClassifier(model);

        Assert.NotNull(model.Ensemble);
        Assert.Equal(10, model.Ensemble.Bag.HashBits);
        var set = Assert.Single(report.Sets);
        Assert.True(set.TestAccuracy > 0.95, $"held-out accuracy {set.TestAccuracy}");
        var ablation = Assert.Single(report.Ablation!);
        Assert.True(ablation.Bag > 0.9, $"embedding bag dev accuracy {ablation.Bag}");
        Assert.True(classifier.Inputs("酒店 很满意").Inputs.Embedding > 0);
        Assert.True(classifier.Inputs("the phone is terrible").Inputs.Embedding < 0);
    }

    [Fact]
    public void Should_produce_the_same_ensemble_bytes_every_time()
    {
        var first = new ModelTrainer(SmallEnsemble).Train(_data, null, null).Model;
        var second = new ModelTrainer(SmallEnsemble).Train(_data, null, null).Model;

        Assert.Equal(Bytes(first), Bytes(second));
    }

    [Fact]
    public void Should_leave_the_ensemble_out_by_default()
    {
        var (model, report) = new ModelTrainer(Small).Train(_data, null, null);

        Assert.Null(model.Ensemble);
        Assert.Null(report.Ablation);
    }

    [Fact]
    public void Should_say_which_data_directory_is_missing()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => new ModelTrainer(Small).Train("/nonexistent/datasets", null, null));

        Assert.Contains("/nonexistent/datasets", error.Message);
    }
}
