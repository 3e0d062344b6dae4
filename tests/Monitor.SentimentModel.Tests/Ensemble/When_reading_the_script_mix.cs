using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Tests.Ensemble;

public class When_reading_the_script_mix
{
    [Theory]
    [InlineData("the car is great", true)]
    [InlineData("小米SU7真好看", false)]
    [InlineData("雷军 said the su7 is fast", true)]
    [InlineData("小米汽车的交付太慢了 su7", false)]
    [InlineData("", false)]
    public void Should_count_latin_letters_against_cjk_characters(string normalized, bool mostlyLatin)
    {
        Assert.Equal(mostlyLatin, ScriptMix.IsMostlyLatin(normalized));
    }
}
