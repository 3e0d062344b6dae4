using Monitor.TextAnalysis;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Normalization;

public class When_normalizing_plain_text
{
    [Fact]
    public void Should_fold_full_width_letters_digits_punctuation_and_spaces()
    {
        Assert.Equal("SU7 Ultra!", TextNormalizer.Normalize("ＳＵ７　Ｕｌｔｒａ！"));
    }

    [Fact]
    public void Should_keep_chinese_punctuation_that_has_no_ascii_form()
    {
        Assert.Equal("发布了。「好」、", TextNormalizer.Normalize("发布了。「好」、"));
    }

    [Fact]
    public void Should_keep_emoji_including_modifiers_and_joined_sequences()
    {
        const string text = "太帅了😍👍🏻 全家👨‍👩‍👧出动";

        Assert.Equal(text, TextNormalizer.Normalize(text));
    }

    [Fact]
    public void Should_collapse_whitespace_and_keep_one_newline_per_break()
    {
        Assert.Equal("a b\nc", TextNormalizer.Normalize("  a \t b \r\n\n  c  "));
    }

    [Fact]
    public void Should_remove_zero_width_and_control_characters()
    {
        Assert.Equal("小米SU7", TextNormalizer.Normalize("小\u200B米\uFEFFSU\u00077"));
    }

    [Fact]
    public void Should_return_empty_for_blank_text()
    {
        Assert.Equal("", TextNormalizer.Normalize(" \n\t "));
    }

    [Fact]
    public void Should_reject_null()
    {
        Assert.Throws<ArgumentNullException>(() => TextNormalizer.Normalize(null!));
    }
}
