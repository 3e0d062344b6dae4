using System.Text.Json;

namespace Monitor.Platforms.Tests.Parsing;

public sealed class When_parsing_platform_counts
{
    [Theory]
    [InlineData("1234", 1234)]
    [InlineData(" 1234 ", 1234)]
    [InlineData("1,234", 1234)]
    [InlineData("1，234", 1234)]
    [InlineData("1.2万", 12_000)]
    [InlineData("3.2万", 32_000)]
    [InlineData("1万+", 10_000)]
    [InlineData("100万+", 1_000_000)]
    [InlineData("2638.5万", 26_385_000)]
    [InlineData("1亿", 100_000_000)]
    [InlineData("1.04亿", 104_000_000)]
    [InlineData("10w+", 100_000)]
    [InlineData("3.4w", 34_000)]
    [InlineData("3.4W", 34_000)]
    [InlineData("1.5k", 1_500)]
    [InlineData("2K", 2_000)]
    [InlineData("1.2M", 1_200_000)]
    [InlineData("999+", 999)]
    [InlineData("0", 0)]
    [InlineData("赞", 0)]
    [InlineData("转发", 0)]
    public void Parse_reads_the_display_form(string text, long expected)
    {
        Assert.Equal(expected, PlatformCount.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_returns_null_when_no_count_is_given(string? text)
    {
        Assert.Null(PlatformCount.Parse(text));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("很多")]
    [InlineData("万")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("1.2.3万")]
    [InlineData("12 apples")]
    public void Parse_throws_a_format_error_quoting_the_value_when_it_is_not_a_count(string text)
    {
        var e = Assert.Throws<FormatException>(() => PlatformCount.Parse(text));
        Assert.Contains($"'{text}'", e.Message);
    }

    [Theory]
    [InlineData("1234", 1234)]
    [InlineData("\"1.2万\"", 12_000)]
    [InlineData("\"10w+\"", 100_000)]
    [InlineData("12000.0", 12_000)]
    public void Parse_reads_json_numbers_and_strings(string json, long expected)
    {
        Assert.Equal(expected, PlatformCount.Parse(Json(json)));
    }

    [Fact]
    public void Parse_returns_null_for_json_null_and_an_absent_value()
    {
        Assert.Null(PlatformCount.Parse(Json("null")));
        Assert.Null(PlatformCount.Parse(default(JsonElement)));
    }

    [Theory]
    [InlineData("[1,2]", "an array")]
    [InlineData("{\"n\":1}", "an object")]
    [InlineData("true", "a boolean")]
    [InlineData("-3", "never negative")]
    public void Parse_throws_for_json_that_is_not_a_count(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PlatformCount.Parse(Json(json)));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("1000000000000亿")]
    [InlineData("99999999999999999999999999999999999999万")]
    [InlineData("10000000000001")]
    [InlineData("9223372036854775807")]
    public void Parse_refuses_a_count_beyond_the_largest_believed_instead_of_clamping_it(string text)
    {
        var e = Assert.Throws<FormatException>(() => PlatformCount.Parse(text));
        Assert.Contains("is not a platform count", e.Message);
    }

    [Theory]
    [InlineData("1e400", "not a finite number")]
    [InlineData("-1e400", "not a finite number")]
    [InlineData("1e30", "more than 10,000,000,000,000")]
    [InlineData("99999999999999999999999", "more than 10,000,000,000,000")]
    [InlineData("-0.6", "never negative")]
    public void Parse_refuses_json_numbers_that_are_not_finite_or_too_large(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PlatformCount.Parse(Json(json)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_reads_the_largest_believed_count()
    {
        Assert.Equal(PlatformCount.Largest, PlatformCount.Parse(Json("10000000000000")));
        Assert.Equal(PlatformCount.Largest, PlatformCount.Parse("100000亿"));
    }

    [Fact]
    public void Parse_refuses_a_string_that_is_not_valid_text()
    {
        Assert.Throws<FormatException>(() => PlatformCount.Parse(Json("\"\\ud800\"")));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
