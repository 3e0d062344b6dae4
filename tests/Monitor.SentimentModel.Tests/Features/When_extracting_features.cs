using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Tests.Features;

public class When_extracting_features
{
    [Fact]
    public void Should_emit_character_one_to_three_grams_for_chinese()
    {
        var phrases = FeatureRecorder.Extract("很好吃").Select(f => f.Phrase).ToList();

        Assert.Equal(["很", "很好", "很好吃", "好", "好吃", "吃"], phrases);
    }

    [Fact]
    public void Should_mark_chinese_characters_after_a_negator_as_negated()
    {
        var plainGood = FeatureRecorder.Hashes("好").Single();
        var features = FeatureRecorder.Extract("不好");

        Assert.DoesNotContain(plainGood, features.Select(f => f.Hash));
        // unigram 不, bigram 不好, and the negated 好 shown together with its negator
        Assert.Equal(["不", "不好", "不好"], features.Select(f => f.Phrase));
    }

    [Fact]
    public void Should_end_chinese_negation_at_punctuation()
    {
        var afterComma = FeatureRecorder.Hashes("不，好");
        var plainGood = FeatureRecorder.Hashes("好").Single();

        Assert.Contains(plainGood, afterComma);
    }

    [Fact]
    public void Should_negate_english_words_until_punctuation()
    {
        var negated = FeatureRecorder.Hashes("not good");
        var plainGood = FeatureRecorder.Hashes("good").Single();
        var afterFullStop = FeatureRecorder.Hashes("not. good");

        Assert.DoesNotContain(plainGood, negated);
        Assert.Contains(plainGood, afterFullStop);
    }

    [Fact]
    public void Should_end_english_negation_at_but()
    {
        var plainGood = FeatureRecorder.Hashes("good").Single();

        Assert.Contains(plainGood, FeatureRecorder.Hashes("not bad but good"));
        Assert.DoesNotContain(plainGood, FeatureRecorder.Hashes("not bad and good"));
    }

    [Fact]
    public void Should_read_a_contraction_like_the_treebank_does()
    {
        Assert.Equal(FeatureRecorder.Hashes("does n't work"), FeatureRecorder.Hashes("doesn't work"));
        Assert.Equal(FeatureRecorder.Hashes("it 's fine"), FeatureRecorder.Hashes("it's fine"));
    }

    [Fact]
    public void Should_emit_word_unigrams_and_bigrams_for_english()
    {
        var phrases = FeatureRecorder.Extract("Great car").Select(f => f.Phrase).ToList();

        Assert.Equal(["Great", "car", "Great car"], phrases);
    }

    [Fact]
    public void Should_read_a_weibo_emoticon_as_one_token_with_its_polarity()
    {
        var features = FeatureRecorder.Extract("[哈哈]");
        var otherPositive = FeatureRecorder.Extract("[嘻嘻]");
        var negative = FeatureRecorder.Extract("[泪]");

        Assert.Equal(2, features.Count);
        Assert.All(features, f => Assert.Equal("[哈哈]", f.Phrase));
        // the shared "positive emoticon" feature is the same for every positive emoticon, not for a negative one
        Assert.Contains(features[1].Hash, otherPositive.Select(f => f.Hash));
        Assert.DoesNotContain(features[1].Hash, negative.Select(f => f.Hash));
    }

    [Fact]
    public void Should_not_split_an_emoticon_into_character_grams()
    {
        var features = FeatureRecorder.Extract("[怒]");

        Assert.DoesNotContain(FeatureRecorder.Hashes("怒").Single(), features.Select(f => f.Hash));
    }

    [Fact]
    public void Should_read_an_unknown_bracket_word_as_an_emoticon_without_polarity()
    {
        Assert.Single(FeatureRecorder.Extract("[奥特曼]"));
    }

    [Fact]
    public void Should_read_ascii_emoticons()
    {
        var smile = FeatureRecorder.Extract("nice :)");
        var frown = FeatureRecorder.Extract("nice :(");

        Assert.Contains(smile, f => f.Phrase == ":)");
        Assert.Contains(frown, f => f.Phrase == ":(");
        Assert.NotEqual(smile.Last().Hash, frown.Last().Hash);
    }

    [Fact]
    public void Should_emit_an_emoji_as_one_feature()
    {
        var features = FeatureRecorder.Extract("好😀");

        Assert.Contains(features, f => f.Phrase == "😀");
        Assert.NotEqual(FeatureRecorder.Hashes("😀").Single(), FeatureRecorder.Hashes("😡").Single());
    }

    [Fact]
    public void Should_treat_full_width_and_half_width_text_alike()
    {
        Assert.Equal(FeatureRecorder.Hashes("SU7 good!"), FeatureRecorder.Hashes("ＳＵ７　ｇｏｏｄ！"));
    }

    [Fact]
    public void Should_ignore_case()
    {
        Assert.Equal(FeatureRecorder.Hashes("GREAT Car"), FeatureRecorder.Hashes("great car"));
    }

    [Fact]
    public void Should_emit_nothing_for_empty_text()
    {
        Assert.Empty(FeatureRecorder.Extract(""));
    }
}
