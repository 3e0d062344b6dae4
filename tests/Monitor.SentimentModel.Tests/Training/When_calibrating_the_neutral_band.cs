using Monitor.SentimentModel.Data;
using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Training;

public class When_calibrating_the_neutral_band
{
    [Fact]
    public void Should_place_the_band_around_the_neutral_logits()
    {
        var dev = new List<(double, SentimentLabel)>
        {
            (-3.0, SentimentLabel.Negative), (-2.0, SentimentLabel.Negative), (-1.5, SentimentLabel.Negative),
            (-0.4, SentimentLabel.Neutral), (0.1, SentimentLabel.Neutral), (0.6, SentimentLabel.Neutral),
            (1.8, SentimentLabel.Positive), (2.5, SentimentLabel.Positive), (4.0, SentimentLabel.Positive),
        };

        var (below, above) = NeutralBand.Calibrate(dev);

        Assert.InRange(below, -1.5, -0.4);
        Assert.InRange(above, 0.6, 1.8);
        Assert.All(dev, d => Assert.Equal(d.Item2, NeutralBand.Decide(d.Item1, below, above)));
    }
}
