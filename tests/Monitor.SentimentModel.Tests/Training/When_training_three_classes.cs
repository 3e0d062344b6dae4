using Monitor.SentimentModel.Evaluation;
using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Training;

public class When_training_three_classes : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("monitor-sentiment-data-").FullName;
    private readonly string _authored = Path.GetTempFileName();

    public When_training_three_classes()
    {
        ToyReviews.Write(_data);
        ToyThreeClassPosts.Write(_data);
    }

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        File.Delete(_authored);
    }

    private static readonly TrainingOptions Small = new() { HashBits = 14, SubjectivityHashBits = 12, Epochs = 3, Version = "toy-3" };

    [Fact]
    public void Should_learn_to_say_neutral_for_asking_and_stating_and_a_polarity_for_judging()
    {
        var (model, report) = new ModelTrainer(Small).Train(_data, null, null);
        var classifier = new SentimentClassifier(model);

        Assert.NotNull(model.Subjectivity);
        Assert.NotNull(report.SubjectivityOffset);
        Assert.Equal("neutral", classifier.Predict("门店 请问 几点").Label);
        Assert.Equal("neutral", classifier.Predict("the store was announced today").Label);
        Assert.Equal("positive", classifier.Predict("汽车 很 喜欢").Label);
        Assert.Equal("negative", classifier.Predict("the car is awful").Label);
    }

    [Fact]
    public void Should_report_the_three_class_set_with_its_confusion_and_class_calibration()
    {
        var (_, report) = new ModelTrainer(Small).Train(_data, null, null);

        var toy3 = Assert.Single(report.Sets, s => s.Set == "toy3");
        var toy = Assert.Single(report.Sets, s => s.Set == "toy");
        Assert.Equal(3, toy3.TestMatrix!.Classes.Count);
        Assert.Equal(toy3.Test, toy3.TestMatrix.Total);
        Assert.True(toy3.TestAccuracy > 0.9, $"held-out three-class accuracy {toy3.TestAccuracy}");
        Assert.Equal([SentimentLabel.Positive, SentimentLabel.Neutral, SentimentLabel.Negative], toy3.TestClassCalibration!.Keys.Order().Reverse());
        Assert.Null(toy.TestMatrix);
        Assert.True(toy.TestAccuracy > 0.95, $"held-out two-class accuracy {toy.TestAccuracy}");
        Assert.Contains("toy3 test confusion", ModelCard.Render(report, Small));
        Assert.Contains("toy3 test reliability", ModelCard.Render(report, Small));
        Assert.Equal(toy3.TestClassCalibration.Values, toy3.TestReliability!.Values.Select(Calibration.ClassError));
    }

    [Fact]
    public void Should_keep_the_neutral_band_when_told_to_train_two_classes()
    {
        var (model, report) = new ModelTrainer(Small with { ThreeClass = false }).Train(_data, null, null);

        Assert.Null(model.Subjectivity);
        Assert.Null(report.SubjectivityOffset);
    }

    [Fact]
    public void Should_refuse_more_subjectivity_hash_bits_than_polarity_ones_before_training()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelTrainer(Small with { SubjectivityHashBits = 15 }).Train(_data, null, null));

        Assert.Contains("at most as many hash bits as the polarity part (14), not 15", error.Message);
    }

    [Fact]
    public void Should_train_on_the_authored_sentences_as_a_set_of_their_own()
    {
        File.WriteAllLines(_authored, ["label\ttext", "neutral\t小米 门店 周六 营业", "positive\t小米 门店 很 棒"]);
        var path = Path.ChangeExtension(_authored, ".tsv");
        File.Move(_authored, path);
        try
        {
            var (_, report) = new ModelTrainer(Small).Train(_data, null, null, su7Train: path);

            var authored = Assert.Single(report.Sets, s => s.Set == ModelTrainer.AuthoredSet);
            Assert.Equal(2, authored.Train);
            Assert.Equal(0, authored.Test);
        }
        finally
        {
            File.Move(path, _authored);
        }
    }
}
