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
    public void Should_read_a_link_and_a_latin_handle_as_one_feature_each_when_asked()
    {
        const string text = "@tony_romo40 sacked again http://t.co/Xzl4LFhs 看这里@小米汽车";
        var phrases = FeatureRecorder.Extract(text, featureSet: FeatureSet.LinksAndHandles).Select(f => f.Phrase).ToList();
        var plain = FeatureRecorder.Extract(text).Select(f => f.Phrase).ToList();

        Assert.Contains("@tony_romo40", phrases);
        Assert.Contains("http://t.co/Xzl4LFhs", phrases);
        Assert.DoesNotContain(phrases, p => p is "tony" or "co" or "xzl4lfhs" or "Xzl4LFhs" or "http");
        Assert.Contains("sacked again", phrases);
        // a Chinese handle has no end mark: its characters stay n-grams
        Assert.Contains("小米汽", phrases);
        Assert.Contains("Xzl4LFhs", plain);
    }

    [Fact]
    public void Should_give_every_link_and_every_handle_the_same_feature()
    {
        static uint Only(string text) => FeatureRecorder.Hashes(text, FeatureSet.LinksAndHandles).Single();

        Assert.Equal(Only("http://t.co/abc"), Only("https://example.com/x?y=1"));
        Assert.Equal(Only("@someone"), Only("@other_1"));
        Assert.NotEqual(Only("http://t.co/abc"), Only("@someone"));
        // a word that only starts with "http" stays a word
        Assert.Equal(FeatureRecorder.Hashes("https"), FeatureRecorder.Hashes("https", FeatureSet.LinksAndHandles));
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
