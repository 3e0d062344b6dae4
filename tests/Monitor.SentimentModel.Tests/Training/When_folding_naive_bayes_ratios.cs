using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Training;

public class When_folding_naive_bayes_ratios
{
    [Fact]
    public void Should_multiply_each_weight_by_its_ratio_when_beta_is_one()
    {
        var weights = new[] { 0.5f, -2f, 0f };

        ModelTrainer.FoldNaiveBayes(weights, [2f, 3f, 7f], beta: 1);

        Assert.Equal([1f, -6f, 0f], weights);
    }

    [Fact]
    public void Should_give_every_trained_bucket_the_mean_magnitude_times_its_ratio_when_beta_is_zero()
    {
        var weights = new[] { 0.5f, -2f, 0f };

        ModelTrainer.FoldNaiveBayes(weights, [2f, -3f, 7f], beta: 0);

        // mean |w| over the two trained buckets is 1.25; the untrained bucket stays 0
        Assert.Equal([2.5f, -3.75f, 0f], weights);
    }

    [Fact]
    public void Should_interpolate_between_the_two_when_beta_is_a_half()
    {
        var weights = new[] { 1f, -3f };

        ModelTrainer.FoldNaiveBayes(weights, [1f, 1f], beta: 0.5);

        Assert.Equal([1.5f, -0.5f], weights);
    }
}
