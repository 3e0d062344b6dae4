using Monitor.Contracts;

namespace Monitor.Platforms.Tests.Corpus;

public sealed class When_loading_the_sample_corpus
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<CorpusReadResult> Corpus = new(() => SampleCorpus.Load(SampleCorpus.FindDirectory(), ObservedAt));

    private static IEnumerable<CoverageReceived> PlatformPosts =>
        Corpus.Value.Items.Where(i => i.Platform != PlatformNames.News);

    [Fact]
    public void Should_read_every_item_without_skipping_any()
    {
        Assert.Empty(Corpus.Value.Skipped);
    }

    [Fact]
    public void Should_hold_at_least_300_distinct_platform_posts()
    {
        var distinct = PlatformPosts.Select(i => (i.Platform, i.PlatformId)).Distinct().Count();
        Assert.True(distinct >= 300, $"only {distinct} distinct platform posts");
    }

    [Fact]
    public void Should_cover_all_three_platforms_and_the_news()
    {
        var counts = Corpus.Value.Items.GroupBy(i => i.Platform).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(counts.GetValueOrDefault(PlatformNames.Weibo) >= 100, $"weibo: {counts.GetValueOrDefault(PlatformNames.Weibo)}");
        Assert.True(counts.GetValueOrDefault(PlatformNames.Douyin) >= 60, $"douyin: {counts.GetValueOrDefault(PlatformNames.Douyin)}");
        Assert.True(counts.GetValueOrDefault(PlatformNames.Xiaohongshu) >= 60, $"xiaohongshu: {counts.GetValueOrDefault(PlatformNames.Xiaohongshu)}");
        Assert.True(counts.GetValueOrDefault(PlatformNames.News) >= 20, $"news: {counts.GetValueOrDefault(PlatformNames.News)}");
    }

    [Fact]
    public void Should_hold_chinese_and_english_posts_on_every_platform()
    {
        foreach (var platform in PlatformNames.All)
        {
            var languages = Corpus.Value.On(platform).GroupBy(i => TextLanguage.Of((i.Title ?? "") + " " + i.Text)).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(languages.GetValueOrDefault("zh") > 0, $"{platform} has no Chinese items");
            Assert.True(languages.GetValueOrDefault("en") > 0, $"{platform} has no English items");
        }
    }

    [Fact]
    public void Should_be_mostly_chinese_with_a_real_share_of_english()
    {
        var posts = PlatformPosts.ToList();
        var english = posts.Count(p => TextLanguage.Of((p.Title ?? "") + " " + p.Text) != "zh");
        var share = (double)english / posts.Count;
        Assert.InRange(share, 0.10, 0.30);
    }

    [Fact]
    public void Should_give_one_identity_to_a_post_only_when_it_is_the_same_post()
    {
        var byIdentity = Corpus.Value.Items.GroupBy(i => CoverageIdentity.For(i.Platform, i.PlatformId, i.Url));
        foreach (var sightings in byIdentity)
        {
            var first = sightings.First();
            Assert.All(sightings, s =>
            {
                Assert.Equal(first.Platform, s.Platform);
                Assert.Equal(first.PlatformId, s.PlatformId);
                Assert.Equal(first.Text, s.Text);
                Assert.Equal(first.PublishedAt, s.PublishedAt);
            });
        }
        // The corpus repeats a few Weibo posts on a later page with newer counts, as a live search does.
        Assert.InRange(Corpus.Value.Items.Count - Corpus.Value.DistinctCount, 1, 10);
    }

    [Theory]
    [InlineData("1003天")]                 // the 28 Dec 2023 press conference
    [InlineData("致敬保时捷")]
    [InlineData("门店太少")]               // the Weibo video on smart technology and stores
    [InlineData("21.59万")]                // the launch price
    [InlineData("Model 3")]
    [InlineData("比亚迪汉")]
    [InlineData("28天就像一场梦")]         // the Zhongguancun Forum interview
    [InlineData("三年后进入国际市场")]
    [InlineData("1489万")]                 // the "Courage" speech
    [InlineData("51万")]
    [InlineData("104.4亿")]
    [InlineData("12万台")]
    [InlineData("14.89 million")]
    [InlineData("215,900")]
    public void Should_cover_the_events_around_the_launch(string phrase)
    {
        var mentions = Corpus.Value.Items.Count(i => ((i.Title ?? "") + i.Text).Contains(phrase, StringComparison.Ordinal));
        Assert.True(mentions >= 2, $"'{phrase}' appears in {mentions} items");
    }

    [Fact]
    public void Should_spread_posts_from_december_2023_to_august_2024()
    {
        var times = PlatformPosts.Select(p => p.PublishedAt).ToList();
        Assert.All(times, t => Assert.Equal(TimeSpan.Zero, t.Offset));
        Assert.InRange(times.Min(), new DateTimeOffset(2023, 12, 27, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2023, 12, 29, 0, 0, 0, TimeSpan.Zero));
        Assert.InRange(times.Max(), new DateTimeOffset(2024, 8, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero));
        foreach (var eventDay in new[] { new DateTime(2023, 12, 28), new DateTime(2024, 3, 28), new DateTime(2024, 4, 25), new DateTime(2024, 7, 19) })
        {
            var nearby = times.Count(t => Math.Abs((t.ToOffset(PlatformTime.ChinaOffset).Date - eventDay).TotalDays) <= 3);
            Assert.True(nearby >= 15, $"only {nearby} posts within three days of {eventDay:yyyy-MM-dd}");
        }
    }

    [Fact]
    public void Should_carry_counts_written_in_platform_display_forms_as_numbers()
    {
        var douyinExport = Corpus.Value.On(PlatformNames.Douyin).Where(i => i.Engagement.Likes is 100_000).ToList();
        Assert.NotEmpty(douyinExport); // "10w+" in the export page
        Assert.Contains(Corpus.Value.On(PlatformNames.Xiaohongshu), i => i.Engagement.Likes >= 10_000 && i.Engagement.Likes % 1000 == 0);
        Assert.All(Corpus.Value.On(PlatformNames.Weibo), i => Assert.NotNull(i.Engagement.Likes));
    }

    [Fact]
    public void Should_resolve_long_weibo_posts_to_their_full_text()
    {
        var longPost = Assert.Single(Corpus.Value.On(PlatformNames.Weibo).DistinctBy(i => i.PlatformId),
            i => i.Text.StartsWith("昨天的发布会", StringComparison.Ordinal));
        Assert.Contains("站在巨人的肩膀上", longPost.Text);
        Assert.DoesNotContain("全文", longPost.Text);
    }

    [Fact]
    public void Should_make_reposts_carry_the_original_text()
    {
        var reposts = Corpus.Value.On(PlatformNames.Weibo).Where(i => i.Text.Contains("//@雷军:")).ToList();
        Assert.True(reposts.Count >= 5, $"only {reposts.Count} reposts of Lei Jun's posts");
        Assert.Contains(reposts, r => r.Hashtags.Contains("雷军年度演讲"));
    }

    [Fact]
    public void Should_report_the_broken_items_of_the_malformed_corpus_each_with_its_reason()
    {
        var malformed = SampleCorpus.Load(Path.Combine(SampleCorpus.FindDirectory(), "malformed"), ObservedAt);

        Assert.Equal(4, malformed.Items.Count); // the one good item in each file
        Assert.Contains(malformed.Skipped, s => s.Reason.Contains("weibo/search-malformed.json") && s.Reason.Contains("id: missing"));
        Assert.Contains(malformed.Skipped, s => s.Reason.Contains("created_at") && s.PlatformId == "5064000000000001");
        Assert.Contains(malformed.Skipped, s => s.Reason.Contains("attitudes_count") && s.Reason.Contains("'abc'"));
        Assert.Contains(malformed.Skipped, s => s.Reason.Contains("douyin: aweme_id: missing"));
        Assert.Contains(malformed.Skipped, s => s.Reason.Contains("statistics.play_count") && s.Reason.Contains("很多"));
        Assert.Contains(malformed.Skipped, s => s.Reason.Contains("note_card.time") && s.PlatformId == "66a0000000000000000000a2");
        Assert.Contains(malformed.Skipped, s => s.Reason.Contains("line 4: not JSON"));
        Assert.Contains(malformed.Skipped, s => s.Reason.Contains("published") && s.Reason.Contains("2024年7月20日上午"));
        Assert.Equal(5 + 4 + 4 + 4, malformed.Skipped.Count); // Weibo, Douyin, Xiaohongshu, news; a hot-query card is not an item
    }

    [Fact]
    public void Should_refuse_a_directory_that_does_not_exist()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => SampleCorpus.Load("/no/such/corpus", ObservedAt));
        Assert.Contains("/no/such/corpus", e.Message);
    }
}
