using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Keywords;

public class When_loading_the_built_in_word_lists
{
    [Fact]
    public void Should_hold_the_trimmed_dictionary_and_the_automotive_vocabulary()
    {
        var words = WordLists.ChineseWords.Select(p => p.Key).ToHashSet();

        Assert.True(words.Count > 50_000, $"only {words.Count} words");
        Assert.Contains("发布会", words);
        Assert.Contains("续航里程", words);
        Assert.Contains("智能驾驶", words);
        Assert.All(WordLists.ChineseWords, p => Assert.True(p.Value > 0, p.Key));
    }

    [Fact]
    public void Should_hold_chinese_and_english_stop_words_in_lower_case()
    {
        Assert.Contains("的", WordLists.StopWords);
        Assert.Contains("the", WordLists.StopWords);
        Assert.DoesNotContain(WordLists.StopWords, w => w.StartsWith('#'));
        Assert.All(WordLists.StopWords, w => Assert.Equal(w.ToLowerInvariant(), w));
    }
}
