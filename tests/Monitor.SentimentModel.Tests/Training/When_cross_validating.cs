using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Training;

public class When_cross_validating : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("monitor-sentiment-cv-").FullName;

    public When_cross_validating() => ToyReviews.Write(_data);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static readonly TrainingOptions Small = new() { HashBits = 14, Epochs = 3, Version = "toy-cv" };

    [Fact]
    public void Should_score_every_train_and_dev_row_once_and_leave_the_test_rows_out()
    {
        var (_, report) = new ModelTrainer(Small).Train(_data, null, null);
        var trainAndDev = report.TrainRows + report.DevRows;

        var set = Assert.Single(new ModelTrainer(Small).CrossValidate(_data, folds: 4));

        Assert.Equal("toy", set.Set);
        Assert.Equal(trainAndDev, set.Rows);
        Assert.True(trainAndDev < ToyReviews.Rows, "the toy set has test rows to leave out");
        Assert.True(set.Accuracy > 0.95, $"cross-validated accuracy {set.Accuracy}");
    }

    [Fact]
    public void Should_not_score_a_row_with_a_model_that_trained_on_it()
    {
        // Every text is unique and its label follows no word, so only a model that saw a row can get it right reliably.
        var noise = Path.Combine(_data, "noise");
        Directory.CreateDirectory(noise);
        var random = new Random(7);
        File.WriteAllLines(Path.Combine(noise, "noise.csv"),
            ["label,review", .. Enumerable.Range(0, 2000).Select(i => $"{random.Next(2)},item {i} code {random.Next():x8}")]);

        var sets = new ModelTrainer(Small with { Epochs = 8 }).CrossValidate(_data, folds: 5);

        var set = Assert.Single(sets, s => s.Set == "noise");
        Assert.InRange(set.Accuracy, 0.40, 0.60);
    }

    [Fact]
    public void Should_keep_the_copies_of_a_text_in_one_fold()
    {
        // Every text comes twice, the copy spaced out (the same words, another string), with the same label that
        // follows no word: a model that trained on one copy would get the other right.
        var copies = Path.Combine(_data, "copies");
        Directory.CreateDirectory(copies);
        var random = new Random(11);
        var rows = Enumerable.Range(0, 1000).Select(i => (Label: random.Next(2), Text: $"item {i} code {random.Next():x8}")).ToArray();
        File.WriteAllLines(Path.Combine(copies, "first.csv"), ["label,review", .. rows.Select(r => $"{r.Label},{r.Text}")]);
        File.WriteAllLines(Path.Combine(copies, "second.csv"), ["label,review", .. rows.Select(r => $"{r.Label},{r.Text.Replace(" ", "  ")}")]);

        var sets = new ModelTrainer(Small with { Epochs = 8 }).CrossValidate(_data, folds: 5);

        var set = Assert.Single(sets, s => s.Set == "copies");
        Assert.InRange(set.Accuracy, 0.40, 0.60);
    }

    [Fact]
    public void Should_train_each_fold_on_every_nth_row_when_subsampling_and_still_score_every_row()
    {
        var full = Assert.Single(new ModelTrainer(Small).CrossValidate(_data, folds: 4));

        // about two training rows per fold: too few to learn the toy set's words
        var subsampled = Assert.Single(new ModelTrainer(Small with { Subsample = 400 }).CrossValidate(_data, folds: 4));

        Assert.Equal(full.Rows, subsampled.Rows);
        Assert.InRange(subsampled.Accuracy, 0, 0.8);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(21)]
    public void Should_refuse_a_number_of_folds_it_cannot_use(int folds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ModelTrainer(Small).CrossValidate(_data, folds));

        Assert.Contains("2 to 20 folds", error.Message);
    }

    [Fact]
    public void Should_refuse_to_cross_validate_an_ensemble()
    {
        var ensemble = Small with { Embedding = new EmbeddingOptions { HashBits = 10, Hidden = 4, Epochs = 1 } };

        var error = Assert.Throws<ArgumentException>(() => new ModelTrainer(ensemble).CrossValidate(_data, 5));

        Assert.Contains("linear model alone", error.Message);
    }
}
