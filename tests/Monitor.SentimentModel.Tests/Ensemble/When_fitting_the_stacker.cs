using Monitor.SentimentModel.Ensemble;
using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Ensemble;

public class When_fitting_the_stacker
{
    [Fact]
    public void Should_lean_on_the_input_that_predicts_the_label()
    {
        // the label follows the embedding logit; the linear logit is noise around zero
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            var embedding = (i % 20 - 9.5) / 3.0;
            var linear = ((i * 7919) % 13 - 6) / 4.0;
            return (new StackerInputs(linear, embedding), embedding > 0, 1.0);
        }).ToList();

        var weights = StackerFit.Fit(rows);

        Assert.True(weights[2] > 1, $"embedding weight {weights[2]}");
        Assert.True(Math.Abs(weights[1]) < weights[2] / 4, $"linear weight {weights[1]} against embedding weight {weights[2]}");
        var stacker = new Stacker(weights, weights);
        Assert.All(rows, r => Assert.Equal(r.Item2, stacker.Combine(r.Item1, english: false) >= 0));
    }

    [Fact]
    public void Should_keep_the_linear_logit_when_there_is_nothing_to_fit()
    {
        var weights = StackerFit.Fit([]);

        Assert.Equal(Stacker.LinearOnly.Chinese, weights);
    }

    [Fact]
    public void Should_give_the_same_weights_every_time()
    {
        var rows = Enumerable.Range(0, 200)
            .Select(i => (new StackerInputs(Math.Sin(i), Math.Cos(i * 1.3)), Math.Sin(i) + 0.3 * Math.Cos(i * 1.3) > 0.1, 1 + i % 3 * 0.5))
            .ToList();

        Assert.Equal(StackerFit.Fit(rows), StackerFit.Fit(rows));
    }
}
