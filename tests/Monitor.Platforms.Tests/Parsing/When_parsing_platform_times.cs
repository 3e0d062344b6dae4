namespace Monitor.Platforms.Tests.Parsing;

public sealed class When_parsing_platform_times
{
    // 2024-07-20 15:30:00 in Beijing.
    private static readonly DateTimeOffset Now = new(2024, 7, 20, 7, 30, 0, TimeSpan.Zero);

    private static DateTimeOffset Beijing(int year, int month, int day, int hour, int minute, int second = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromHours(8)).ToUniversalTime();

    [Fact]
    public void ParseWeibo_reads_the_api_form_into_utc()
    {
        var parsed = PlatformTime.ParseWeibo("Sat Jul 20 10:01:02 +0800 2024", Now);

        Assert.Equal(new DateTimeOffset(2024, 7, 20, 2, 1, 2, TimeSpan.Zero), parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Fact]
    public void ParseWeibo_honours_offsets_other_than_china()
    {
        Assert.Equal(new DateTimeOffset(2023, 12, 28, 19, 5, 0, TimeSpan.Zero),
            PlatformTime.ParseWeibo("Thu Dec 28 14:05:00 -0500 2023", Now));
    }

    [Theory]
    [InlineData("刚刚", 0)]
    [InlineData("30秒前", 30)]
    [InlineData("5分钟前", 5 * 60)]
    [InlineData("2小时前", 2 * 3600)]
    [InlineData("3天前", 3 * 86400)]
    public void ParseWeibo_reads_times_ago_against_now(string text, int secondsAgo)
    {
        Assert.Equal(Now.AddSeconds(-secondsAgo), PlatformTime.ParseWeibo(text, Now));
    }

    [Fact]
    public void ParseWeibo_reads_today_yesterday_and_the_day_before_in_china_time()
    {
        Assert.Equal(Beijing(2024, 7, 20, 10, 1), PlatformTime.ParseWeibo("今天 10:01", Now));
        Assert.Equal(Beijing(2024, 7, 19, 10, 1), PlatformTime.ParseWeibo("昨天 10:01", Now));
        Assert.Equal(Beijing(2024, 7, 18, 23, 59), PlatformTime.ParseWeibo("前天 23:59", Now));
    }

    [Fact]
    public void ParseWeibo_takes_the_day_in_china_even_when_utc_is_still_on_the_previous_day()
    {
        var earlyMorningInBeijing = new DateTimeOffset(2024, 7, 19, 17, 0, 0, TimeSpan.Zero); // 01:00 on 20 July in Beijing
        Assert.Equal(Beijing(2024, 7, 19, 22, 0), PlatformTime.ParseWeibo("昨天 22:00", earlyMorningInBeijing));
    }

    [Fact]
    public void ParseWeibo_reads_month_day_forms_in_the_current_year()
    {
        Assert.Equal(Beijing(2024, 7, 19, 0, 0), PlatformTime.ParseWeibo("07-19", Now));
        Assert.Equal(Beijing(2024, 3, 28, 19, 30), PlatformTime.ParseWeibo("03-28 19:30", Now));
        Assert.Equal(Beijing(2023, 12, 28, 14, 5), PlatformTime.ParseWeibo("2023-12-28 14:05", Now));
        Assert.Equal(Beijing(2023, 12, 28, 0, 0), PlatformTime.ParseWeibo("2023-12-28", Now));
    }

    [Fact]
    public void ParseWeibo_puts_a_month_day_after_today_into_last_year()
    {
        var secondOfJanuary = new DateTimeOffset(2024, 1, 2, 4, 0, 0, TimeSpan.Zero);
        Assert.Equal(Beijing(2023, 12, 28, 14, 5), PlatformTime.ParseWeibo("12-28 14:05", secondOfJanuary));
    }

    [Theory]
    [InlineData("昨天的某个时候")]
    [InlineData("Sat Jul 20 25:01:02 +0800 2024")]
    [InlineData("Sat Foo 20 10:01:02 +0800 2024")]
    [InlineData("02-30")]
    [InlineData("今天 10点")]
    [InlineData("")]
    public void ParseWeibo_throws_a_format_error_quoting_the_text(string text)
    {
        var e = Assert.Throws<FormatException>(() => PlatformTime.ParseWeibo(text, Now));
        Assert.Contains($"'{text}'", e.Message);
    }

    [Theory]
    [InlineData("Sat Jul 20 10:01:02 +9999 2024", "offset")]
    [InlineData("Sat Jul 20 10:01:02 +1460 2024", "offset")]
    [InlineData("Sat Jul 20 10:01:02 +1500 2024", "offset")]
    [InlineData("Mon Jan 01 00:00:00 +0800 0001", "calendar")]
    [InlineData("Fri Dec 31 23:59:59 -1200 9999", "calendar")]
    [InlineData("0001-01-01 00:00", "calendar")]
    [InlineData("Mon Jan 01 00:00:00 +0000 0001", "before 1970")]
    [InlineData("1969-07-20", "before 1970")]
    public void ParseWeibo_refuses_impossible_offsets_and_years_with_a_format_error(string text, string why)
    {
        var e = Assert.Throws<FormatException>(() => PlatformTime.ParseWeibo(text, Now));
        Assert.Contains($"'{text}'", e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void ParseWeibo_reads_the_widest_real_offsets()
    {
        Assert.Equal(new DateTimeOffset(2024, 7, 19, 20, 1, 2, TimeSpan.Zero), PlatformTime.ParseWeibo("Sat Jul 20 10:01:02 +1400 2024", Now));
        Assert.Equal(new DateTimeOffset(2024, 7, 21, 0, 1, 2, TimeSpan.Zero), PlatformTime.ParseWeibo("Sat Jul 20 10:01:02 -1400 2024", Now));
    }

    [Fact]
    public void FromUnix_tells_seconds_from_milliseconds()
    {
        var expected = new DateTimeOffset(2024, 7, 20, 2, 1, 2, TimeSpan.Zero);
        Assert.Equal(expected, PlatformTime.FromUnix(1721440862));
        Assert.Equal(expected, PlatformTime.FromUnix(1721440862000));
        Assert.Equal(expected.AddMilliseconds(345), PlatformTime.FromUnix(1721440862345));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(long.MaxValue)]
    public void FromUnix_refuses_what_cannot_be_a_time_stamp(long value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlatformTime.FromUnix(value));
    }
}
