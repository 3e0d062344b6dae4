using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Language;

public class When_detecting_language
{
    [Theory]
    [InlineData("小米汽车今天宣布，小米SU7上市三个月交付量突破十万台。")]
    [InlineData("小米SU7 Ultra正式发布,雷军说这是梦想")]
    [InlineData("特斯拉Model Y和保时捷Taycan相比，小米的价格更有优势")]
    public void Should_call_chinese_text_with_a_few_latin_names_chinese(string text)
    {
        Assert.Equal("zh", LanguageDetector.Detect(text));
    }

    [Theory]
    [InlineData("Xiaomi SU7 launch draws crowds in Beijing as Lei Jun takes on Tesla")]
    [InlineData("Xiaomi (小米) launched its first electric sedan in Beijing on Thursday evening")]
    public void Should_call_english_text_with_a_chinese_name_english(string text)
    {
        Assert.Equal("en", LanguageDetector.Detect(text));
    }

    [Theory]
    [InlineData("今天去试驾了SU7 Max, the acceleration is amazing and the price is fair")]
    [InlineData("The interior is great 但是车机系统还需要优化, overall worth it")]
    public void Should_call_text_with_substantial_chinese_and_english_mixed(string text)
    {
        Assert.Equal("mixed", LanguageDetector.Detect(text));
    }

    [Fact]
    public void Should_not_count_urls_mentions_and_emoticons()
    {
        const string text = "@TeslaOwnersClubOfAmerica https://example.com/some/long/english/path/about/cars [doge] 小米发布会很精彩";

        Assert.Equal("zh", LanguageDetector.Detect(text));
    }

    [Theory]
    [InlineData("The #雷军年度演讲# hashtag hit about 10.44 billion views on Weibo. That number is hard to picture.", "en")]
    [InlineData("Drag race today, the SU7 won #小米SU7 #特斯拉 #新能源汽车", "en")]
    [InlineData("今天去提车了，开心 #XiaomiSU7 #NewCar #HappyDay", "zh")]
    public void Should_not_let_hashtags_decide_when_the_text_has_prose(string text, string expected)
    {
        Assert.Equal(expected, LanguageDetector.Detect(text));
    }

    [Fact]
    public void Should_read_the_hashtags_of_a_post_that_has_nothing_else()
    {
        Assert.Equal("zh", LanguageDetector.Detect("#小米SU7# #雷军年度演讲# 😍"));
        Assert.Equal("en", LanguageDetector.Detect("#XiaomiSU7 #ElectricCar"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("😍😍👍 !!! 123")]
    public void Should_call_text_without_words_mixed(string text)
    {
        Assert.Equal("mixed", LanguageDetector.Detect(text));
    }
}
