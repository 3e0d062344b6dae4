using Monitor.Contracts;
using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Entities;

public class When_finding_entities
{
    private static IReadOnlyList<EntityMention> Find(string text) => BuiltIn.Gazetteer.Find(text);

    private static string[] Ids(string text) => Find(text).Select(m => m.Id).ToArray();

    [Fact]
    public void Should_count_chinese_and_english_aliases_as_one_entity()
    {
        var mention = Assert.Single(Find("Lei Jun（雷军）说：雷总不会让大家失望"));

        Assert.Equal(new EntityMention("lei-jun", "Lei Jun", "person", 3), mention);
    }

    [Fact]
    public void Should_match_latin_aliases_in_any_case()
    {
        Assert.Equal(3, Assert.Single(Find("TESLA, tesla and Tesla")).Count);
    }

    [Fact]
    public void Should_prefer_the_longer_of_overlapping_aliases()
    {
        Assert.Equal(["xiaomi-su7-ultra"], Ids("SU7 Ultra 来了"));
        Assert.Equal(["xiaomi-su7-ultra"], Ids("小米SU7 Ultra 来了"));
        Assert.Equal(["tesla-model-3"], Ids("特斯拉Model 3"));
    }

    [Fact]
    public void Should_match_latin_aliases_only_at_word_boundaries()
    {
        Assert.Empty(Find("Model 30 and Model 3X are not cars; XSU7 is not SU7s either"));
        Assert.Equal(["tesla-model-3"], Ids("比Model 3,还便宜"));
    }

    [Fact]
    public void Should_let_chinese_aliases_touch_other_chinese_and_latin_text()
    {
        Assert.Equal(["xiaomi", "byd"], Ids("我觉得小米比比亚迪好,Xiaomi赢了"));
    }

    [Fact]
    public void Should_treat_spaces_inside_aliases_as_optional()
    {
        Assert.Equal(["tesla-model-3"], Ids("Model3"));
        Assert.Equal(["xiaomi-su7-ultra"], Ids("SU7Ultra"));
        Assert.Equal(["xiaomi-su7"], Ids("小米 SU7"));
    }

    [Fact]
    public void Should_find_traditional_chinese_spellings()
    {
        Assert.Equal(["lei-jun", "xiaomi-auto", "byd"], Ids("雷軍說小米汽車要超過比亞迪"));
    }

    [Fact]
    public void Should_match_full_width_text()
    {
        Assert.Equal(["xiaomi-su7-ultra"], Ids("ＳＵ７　Ｕｌｔｒａ！"));
    }

    [Fact]
    public void Should_list_the_most_mentioned_first_then_by_first_mention()
    {
        var ids = Ids("Porsche Taycan vs 小米SU7: SU7 赢了, 保时捷说 Taycan 输了, 特斯拉没来");

        Assert.Equal(["porsche-taycan", "xiaomi-su7", "porsche", "tesla"], ids);
    }

    [Fact]
    public void Should_find_nothing_in_text_without_aliases()
    {
        Assert.Empty(Find("今天天气很好 the weather is fine"));
        Assert.Empty(Find(""));
    }
}
