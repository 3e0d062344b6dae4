using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Tests.Features;

public class When_extracting_optional_features
{
    [Fact]
    public void Should_find_the_longest_dictionary_word_at_the_start_of_a_run()
    {
        Assert.Equal(3, ChineseWords.LongestWordAt("性价比很高"));
        Assert.Equal(2, ChineseWords.LongestWordAt("服务态度"));
        Assert.Equal(4, ChineseWords.LongestWordAt("一塌糊涂的"));
        // no dictionary word starts with this character pair: the character stands alone
        Assert.Equal(1, ChineseWords.LongestWordAt("很高"));
    }

    [Fact]
    public void Should_add_chinese_word_bigrams_and_long_words_only_when_asked()
    {
        var plain = FeatureRecorder.Extract("服务态度一塌糊涂").Select(f => f.Phrase).ToList();
        var withWords = FeatureRecorder.Extract("服务态度一塌糊涂", featureSet: FeatureSet.ChineseWords).Select(f => f.Phrase).ToList();

        Assert.DoesNotContain(plain, p => p.Length > 3);
        // 服务 | 态度 | 一塌糊涂: two bigrams and one word of four characters beside the character grams
        Assert.Equal(["服务态度", "一塌糊涂", "态度一塌糊涂"], withWords.Except(plain).ToList());
        Assert.Equal(plain.Count + 3, withWords.Count);
    }

    [Fact]
    public void Should_negate_chinese_words_after_a_negator()
    {
        var characterGrams = FeatureRecorder.Hashes("房间干净");
        var wordBigram = FeatureRecorder.Hashes("房间干净", FeatureSet.ChineseWords).Except(characterGrams).Single();

        Assert.DoesNotContain(wordBigram, FeatureRecorder.Hashes("不房间干净", FeatureSet.ChineseWords));
        Assert.Contains(wordBigram, FeatureRecorder.Hashes("不，房间干净", FeatureSet.ChineseWords));
    }

    [Fact]
    public void Should_give_english_texts_a_language_feature_shown_as_no_phrase()
    {
        var english = FeatureRecorder.Extract("a good car", featureSet: FeatureSet.LanguageBias);
        var chinese = FeatureRecorder.Extract("很好的车 car", featureSet: FeatureSet.LanguageBias);
        var withoutFlag = FeatureRecorder.Extract("a good car");

        Assert.Equal(withoutFlag.Count + 1, english.Count);
        Assert.Equal("", english[^1].Phrase);
        Assert.DoesNotContain(chinese, f => f.Phrase == "");
    }

    [Fact]
    public void Should_count_english_words_after_but_twice_until_the_sentence_ends()
    {
        var good = FeatureRecorder.Hashes("good").Single();
        static int Count(string text, uint hash) =>
            FeatureRecorder.Extract(text, featureSet: FeatureSet.ContrastEmphasis).Count(f => f.Hash == hash);

        Assert.Equal(2, Count("slow but good", good));
        Assert.Equal(2, Count("slow, but fun, and good", good));
        Assert.Equal(1, Count("slow but fine. good", good));
        Assert.Equal(1, Count("good but slow", good));
        Assert.Equal(1, FeatureRecorder.Extract("slow but good").Count(f => f.Hash == good));
    }
}
