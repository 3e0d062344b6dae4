using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Keywords;

public class When_segmenting_chinese
{
    [Fact]
    public void Should_cut_a_sentence_into_dictionary_words()
    {
        var words = BuiltIn.Keywords.Tokenize("小米SU7上市三个月交付量突破十万台，续航里程和智能驾驶表现获得车主好评");

        Assert.Equal(
            ["小米", "su7", "上市", "三个", "月", "交付量", "突破", "十万", "台", "续航里程", "和", "智能驾驶", "表现", "获得", "车主", "好评"],
            words);
    }

    [Fact]
    public void Should_prefer_the_likelier_split_of_an_ambiguous_run()
    {
        // 研究生命起源: "研究/生命/起源", not "研究生/命/起源".
        Assert.Equal(["研究", "生命", "起源"], BuiltIn.Keywords.Tokenize("研究生命起源"));
    }

    [Fact]
    public void Should_keep_subject_words_whole()
    {
        Assert.Equal(["雷", "军", "表示"], BuiltIn.Keywords.Tokenize("雷军表示"));
        Assert.Equal(["雷军", "表示"], KeywordExtractor.CreateDefault(["雷军"]).Tokenize("雷军表示"));
    }

    [Fact]
    public void Should_split_unknown_characters_singly()
    {
        var segmenter = new ChineseSegmenter([new("小米", 100), new("汽车", 100)]);

        Assert.Equal(["小米", "汽车", "甲", "乙"], segmenter.Segment("小米汽车甲乙"));
    }

    [Fact]
    public void Should_reject_a_dictionary_without_words()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChineseSegmenter([new("小米", 0)]));

        Assert.Contains("no words with a positive frequency", error.Message);
    }
}
