using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Training;

public class When_splitting_data
{
    [Fact]
    public void Should_put_texts_that_differ_only_in_case_width_or_spacing_in_one_split()
    {
        var texts = Enumerable.Range(0, 500).Select(i => $"Review number {i} 好评").ToList();

        foreach (var text in texts)
        {
            var variant = TextVariant(text);
            Assert.Equal(DataSplit.Of(text), DataSplit.Of(variant));
        }
    }

    [Fact]
    public void Should_hold_out_about_a_tenth_for_test_and_a_tenth_for_dev()
    {
        var splits = Enumerable.Range(0, 20_000).Select(i => DataSplit.Of($"text {i}")).ToList();

        Assert.InRange(splits.Count(s => s == Split.Test), 1_700, 2_300);
        Assert.InRange(splits.Count(s => s == Split.Dev), 1_700, 2_300);
    }

    private static string TextVariant(string text) =>
        "\uFEFF " + string.Concat(text.ToUpperInvariant().Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c)).Replace(" ", "\u3000 ");
}
