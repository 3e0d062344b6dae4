using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Tests.Features;

public class When_normalising_text
{
    [Theory]
    [InlineData("ＡＢＣ１２３", "abc123")]
    [InlineData("好！？，", "好!?,")]
    [InlineData("a\u3000b", "a b")]
    [InlineData("don\u2019t", "don't")]
    public void Should_map_full_width_and_case_character_for_character(string input, string expected)
    {
        var normalized = TextNormalizer.Normalize(input);

        Assert.Equal(expected, normalized);
        Assert.Equal(input.Length, normalized.Length);
    }
}
