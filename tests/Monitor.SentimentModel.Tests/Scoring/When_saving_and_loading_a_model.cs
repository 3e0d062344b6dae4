using Monitor.SentimentModel.Features;
using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Tests.Scoring;

public class When_saving_and_loading_a_model
{
    private static ModelWeights SmallModel()
    {
        var weights = new short[1 << 12];
        for (var i = 0; i < weights.Length; i++) weights[i] = (short)((i * 7919 % 65535) - 32767);
        return new ModelWeights("test-1", 12, 3, 0.001f, -0.25f, -0.5f, 0.75f, weights);
    }

    [Fact]
    public void Should_read_back_every_field_and_weight()
    {
        var model = SmallModel();
        using var stream = new MemoryStream();

        ModelFile.Write(model, stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        Assert.Equal(model.Version, loaded.Version);
        Assert.Equal(model.HashBits, loaded.HashBits);
        Assert.Equal(model.MaxCjkGram, loaded.MaxCjkGram);
        Assert.Equal(model.Scale, loaded.Scale);
        Assert.Equal(model.Bias, loaded.Bias);
        Assert.Equal(model.NeutralBelow, loaded.NeutralBelow);
        Assert.Equal(model.NeutralAbove, loaded.NeutralAbove);
        Assert.Equal(model.Weights, loaded.Weights);
    }

    [Fact]
    public void Should_predict_the_same_after_a_round_trip_through_a_file()
    {
        var model = SmallModel();
        var path = Path.GetTempFileName();
        try
        {
            ModelFile.Save(model, path);
            var before = new SentimentClassifier(model).Predict("小米SU7真好看 great car");
            var after = SentimentClassifier.Load(path).Predict("小米SU7真好看 great car");

            Assert.Equal(before.Score, after.Score);
            Assert.Equal(before.Label, after.Label);
            Assert.Equal(before.TopPhrases, after.TopPhrases);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Should_read_back_the_embedding_bag_and_the_stacker()
    {
        var model = Ensemble.SmallModels.WithEnsemble();
        using var stream = new MemoryStream();

        ModelFile.Write(model, stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        var bag = model.Ensemble!.Bag;
        var loadedBag = loaded.Ensemble!.Bag;
        Assert.Equal(bag.HashBits, loadedBag.HashBits);
        Assert.Equal(bag.Scale, loadedBag.Scale);
        Assert.Equal(bag.Embeddings, loadedBag.Embeddings);
        Assert.Equal(bag.Hidden, loadedBag.Hidden);
        Assert.Equal(bag.HiddenWeights, loadedBag.HiddenWeights);
        Assert.Equal(bag.HiddenBias, loadedBag.HiddenBias);
        Assert.Equal(bag.OutputWeights, loadedBag.OutputWeights);
        Assert.Equal(bag.OutputBias, loadedBag.OutputBias);
        Assert.Equal(model.Ensemble.Stacker.Chinese, loaded.Ensemble.Stacker.Chinese);
        Assert.Equal(model.Ensemble.Stacker.English, loaded.Ensemble.Stacker.English);
        Assert.Equal(new SentimentClassifier(model).Logit("小米SU7真好看 great car"), new SentimentClassifier(loaded).Logit("小米SU7真好看 great car"));
    }

    [Fact]
    public void Should_still_read_a_format_1_file_of_linear_weights_alone()
    {
        var model = SmallModel();
        using var current = new MemoryStream();
        ModelFile.WriteUncompressed(model, current);
        // format 1 is format 4 without the trailing "no ensemble" flag, feature families, length power and "no domains" flag
        var bytes = current.ToArray()[..^10];
        BitConverter.GetBytes(1).CopyTo(bytes, 8);

        var loaded = ModelFile.Read(new MemoryStream(bytes));

        Assert.Null(loaded.Ensemble);
        Assert.Equal(model.Weights, loaded.Weights);
        Assert.Equal(model.Version, loaded.Version);
    }

    [Fact]
    public void Should_read_back_the_optional_feature_families()
    {
        var model = SmallModel() with { Features = FeatureSet.ChineseWords | FeatureSet.LanguageBias, LengthPower = 0.4f };
        using var stream = new MemoryStream();

        ModelFile.Write(model, stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        Assert.Equal(FeatureSet.ChineseWords | FeatureSet.LanguageBias, loaded.Features);
        Assert.Equal(0.4f, loaded.LengthPower);
        Assert.Equal(new SentimentClassifier(model).Logit("服务态度非常好 great"), new SentimentClassifier(loaded).Logit("服务态度非常好 great"));
    }

    [Fact]
    public void Should_read_a_format_2_file_as_one_without_optional_features()
    {
        using var current = new MemoryStream();
        ModelFile.WriteUncompressed(SmallModel() with { Features = FeatureSet.ChineseWords }, current);
        // format 2 is format 4 without the trailing feature families, length power and "no domains" flag
        var bytes = current.ToArray()[..^9];
        BitConverter.GetBytes(2).CopyTo(bytes, 8);

        var loaded = ModelFile.Read(new MemoryStream(bytes));

        Assert.Equal(FeatureSet.None, loaded.Features);
        Assert.Equal(0.5f, loaded.LengthPower);
        Assert.Null(loaded.Ensemble);
    }

    [Fact]
    public void Should_read_a_format_3_file_as_one_without_domains()
    {
        var model = SmallModel() with { Features = FeatureSet.LanguageBias, LengthPower = 0.4f };
        using var current = new MemoryStream();
        ModelFile.WriteUncompressed(model, current);
        // format 3 is format 5 without the trailing "no domains" and "no subjectivity" flags
        var bytes = current.ToArray()[..^2];
        BitConverter.GetBytes(3).CopyTo(bytes, 8);

        var loaded = ModelFile.Read(new MemoryStream(bytes));

        Assert.Null(loaded.Domains);
        Assert.Equal(FeatureSet.LanguageBias, loaded.Features);
        Assert.Equal(0.4f, loaded.LengthPower);
        Assert.Equal(new SentimentClassifier(model).Logit("服务态度非常好 great"), new SentimentClassifier(loaded).Logit("服务态度非常好 great"));
    }

    [Fact]
    public void Should_read_back_the_subjectivity_weights_and_score_the_same()
    {
        var model = ThreeClassModels.WithSubjectivity(SmallModel(), subjectivityBias: 0.3f);
        using var stream = new MemoryStream();

        ModelFile.Write(model, stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        Assert.Equal(model.Subjectivity!.HashBits, loaded.Subjectivity!.HashBits);
        Assert.Equal(model.Subjectivity.Scale, loaded.Subjectivity.Scale);
        Assert.Equal(model.Subjectivity.Bias, loaded.Subjectivity.Bias);
        Assert.Equal(model.Subjectivity.Weights, loaded.Subjectivity.Weights);
        Assert.Equal(new SentimentClassifier(model).Predict("小米SU7真好看 great car"), new SentimentClassifier(loaded).Predict("小米SU7真好看 great car"),
            new PredictionComparer());
    }

    [Fact]
    public void Should_compress_the_weights_and_still_read_an_uncompressed_format_5_file()
    {
        var model = ThreeClassModels.WithSubjectivity(SmallModel() with { Weights = new short[1 << 12] }, subjectivityBias: 0.3f);
        using var compressed = new MemoryStream();
        using var uncompressed = new MemoryStream();

        ModelFile.Write(model, compressed);
        ModelFile.WriteUncompressed(model, uncompressed);
        compressed.Position = uncompressed.Position = 0;
        var fromCompressed = ModelFile.Read(compressed);
        var fromUncompressed = ModelFile.Read(uncompressed);

        Assert.True(compressed.Length < uncompressed.Length / 2, $"{compressed.Length} bytes compressed, {uncompressed.Length} not");
        Assert.Equal(6, BitConverter.ToInt32(compressed.ToArray(), 8));
        Assert.Equal(5, BitConverter.ToInt32(uncompressed.ToArray(), 8));
        Assert.Equal(model.Subjectivity!.Weights, fromCompressed.Subjectivity!.Weights);
        Assert.Equal(model.Subjectivity.Weights, fromUncompressed.Subjectivity!.Weights);
        Assert.Equal(model.Weights, fromUncompressed.Weights);
        Assert.Equal(new SentimentClassifier(model).Logits("小米SU7真好看 great car"), new SentimentClassifier(fromCompressed).Logits("小米SU7真好看 great car"));
    }

    [Fact]
    public void Should_read_a_format_4_file_as_one_with_a_neutral_band()
    {
        var model = SmallModel();
        using var current = new MemoryStream();
        ModelFile.WriteUncompressed(model, current);
        // format 4 is format 5 without the trailing "no subjectivity" flag
        var bytes = current.ToArray()[..^1];
        BitConverter.GetBytes(4).CopyTo(bytes, 8);

        var loaded = ModelFile.Read(new MemoryStream(bytes));

        Assert.Null(loaded.Subjectivity);
        Assert.Equal(model.NeutralBelow, loaded.NeutralBelow);
        Assert.Equal(model.NeutralAbove, loaded.NeutralAbove);
        Assert.Equal(new SentimentClassifier(model).Predict("服务态度非常好 great").Label, new SentimentClassifier(loaded).Predict("服务态度非常好 great").Label);
    }

    [Fact]
    public void Should_reject_subjectivity_hash_bits_out_of_range()
    {
        using var current = new MemoryStream();
        ModelFile.WriteUncompressed(ThreeClassModels.WithSubjectivity(SmallModel()), current);
        var bytes = current.ToArray();
        // the subjectivity section: hash bits, scale, bias, then 2^10 16-bit weights
        BitConverter.GetBytes(30).CopyTo(bytes, bytes.Length - (1 << 10) * 2 - 12);

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Read(new MemoryStream(bytes)));

        Assert.Contains("30 subjectivity hash bits", error.Message);
    }

    private sealed class PredictionComparer : IEqualityComparer<SentimentPrediction>
    {
        public bool Equals(SentimentPrediction? x, SentimentPrediction? y) =>
            x!.Label == y!.Label && x.Score == y.Score && x.Confidence == y.Confidence && x.TopPhrases.SequenceEqual(y.TopPhrases);

        public int GetHashCode(SentimentPrediction obj) => obj.Label.GetHashCode();
    }

    [Fact]
    public void Should_name_unknown_feature_families()
    {
        using var current = new MemoryStream();
        ModelFile.WriteUncompressed(SmallModel(), current);
        var bytes = current.ToArray();
        // the feature families sit before the length power and the domains and subjectivity flags
        BitConverter.GetBytes(64).CopyTo(bytes, bytes.Length - 10);

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Read(new MemoryStream(bytes)));

        Assert.Contains("unknown feature families (64)", error.Message);
    }

    [Fact]
    public void Should_reject_a_length_power_outside_zero_to_one()
    {
        using var current = new MemoryStream();
        ModelFile.Write(SmallModel() with { LengthPower = 1.5f }, current);

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Read(new MemoryStream(current.ToArray())));

        Assert.Contains("length power of 1.5", error.Message);
    }

    [Fact]
    public void Should_divide_the_n_gram_sum_by_the_count_to_the_length_power()
    {
        // every bucket weighs 1000 × 0.001 = 1 (to float precision): the logit is n-gram count^(1 - power)
        var model = new ModelWeights("flat-1", 12, 3, 0.001f, 0f, -0.5f, 0.5f, Enumerable.Repeat((short)1000, 1 << 12).ToArray());
        var text = "好吃好吃";
        var grams = Tests.Features.FeatureRecorder.Extract(text).Count;

        Assert.Equal(grams / Math.Sqrt(grams), new SentimentClassifier(model).Logit(text), 4);
        Assert.Equal(grams / Math.Pow(grams, 0.25), new SentimentClassifier(model with { LengthPower = 0.25f }).Logit(text), 4);
    }

    [Fact]
    public void Should_name_an_unsupported_format()
    {
        using var current = new MemoryStream();
        ModelFile.WriteUncompressed(SmallModel(), current);
        var bytes = current.ToArray();
        BitConverter.GetBytes(9).CopyTo(bytes, 8);

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Read(new MemoryStream(bytes)));

        Assert.Contains("format 9", error.Message);
    }

    [Fact]
    public void Should_reject_a_file_that_is_not_a_model()
    {
        using var stream = new MemoryStream("not a model at all"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Read(stream));

        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Should_report_a_truncated_file()
    {
        using var full = new MemoryStream();
        ModelFile.Write(SmallModel(), full);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, full.ToArray()[..100]);

            var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));

            Assert.Contains("truncated", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Should_name_a_missing_model_file()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SentimentClassifier.Load("/nonexistent/sentiment.bin"));

        Assert.Contains("/nonexistent/sentiment.bin", error.Message);
    }
}
