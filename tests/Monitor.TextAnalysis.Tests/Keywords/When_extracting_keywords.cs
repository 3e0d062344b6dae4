using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Keywords;

public class When_extracting_keywords
{
    private static IReadOnlyList<string> Extract(string text, int max = 10) => BuiltIn.Keywords.Extract(text, max);

    [Fact]
    public void Should_drop_chinese_stop_words_and_single_characters()
    {
        var keywords = Extract("我们的车主觉得这个续航真的很好");

        Assert.Contains("车主", keywords);
        Assert.Contains("续航", keywords);
        Assert.DoesNotContain("我们", keywords);
        Assert.DoesNotContain("这个", keywords);
        Assert.DoesNotContain("的", keywords);
        Assert.All(keywords, k => Assert.True(k.Length > 1, k));
    }

    [Fact]
    public void Should_lower_case_english_words_and_drop_english_stop_words_and_numbers()
    {
        var keywords = Extract("The Xiaomi SU7 is the fastest sedan of 2024");

        Assert.Equal(["xiaomi", "su7", "fastest", "sedan"], keywords);
    }

    [Fact]
    public void Should_take_words_from_both_languages_of_a_mixed_text()
    {
        var keywords = Extract("今天试驾SU7, the acceleration is amazing");

        Assert.Contains("试驾", keywords);
        Assert.Contains("acceleration", keywords);
        Assert.Contains("su7", keywords);
    }

    [Fact]
    public void Should_ignore_urls_mentions_and_emoticons()
    {
        var keywords = Extract("@小米汽车 [哈哈] http://t.cn/A6abcdEF 续航");

        Assert.Equal(["续航"], keywords);
    }

    [Fact]
    public void Should_rank_a_repeated_word_above_a_word_said_once()
    {
        var keywords = Extract("刹车 刹车 刹车 交付");

        Assert.Equal(["刹车", "交付"], keywords);
    }

    [Fact]
    public void Should_return_at_most_the_requested_number()
    {
        Assert.Equal(3, Extract("续航 车主 好评 交付 产能 突破", max: 3).Count);
    }

    [Fact]
    public void Should_reject_a_non_positive_maximum()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Extract("续航", max: 0));
    }
}
