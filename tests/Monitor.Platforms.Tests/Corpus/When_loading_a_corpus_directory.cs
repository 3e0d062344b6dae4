namespace Monitor.Platforms.Tests.Corpus;

public sealed class When_loading_a_corpus_directory : IDisposable
{
    private static readonly DateTimeOffset ObservedAt = new(2024, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("monitor-corpus-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static string Mblog(string id, string createdAt, bool isLongText = false) => $$$"""
        {"id": "{{{id}}}", "created_at": "{{{createdAt}}}", "text": "shown text", "isLongText": {{{(isLongText ? "true" : "false")}}},
         "attitudes_count": 1, "comments_count": 0, "reposts_count": 0,
         "user": {"id": 1, "screen_name": "someone", "followers_count": 10, "verified": false}}
        """;

    private static string WeiboPage(params string[] mblogs) =>
        """{"ok":1,"data":{"cards":[""" + string.Join(",", mblogs.Select(m => """{"card_type":9,"mblog":""" + m + "}")) + "]}}";

    [Fact]
    public void Should_report_a_file_that_is_not_json_and_read_the_others()
    {
        Write("weibo/search-a.json", "{ this is not json");
        Write("weibo/search-b.json", WeiboPage(Mblog("11", "Sat Jul 20 10:01:02 +0800 2024")));
        Write("douyin/search.json", """{"status_code":8,"status_msg":"blocked"}""");

        var result = SampleCorpus.Load(_root, ObservedAt);

        Assert.Equal("11", Assert.Single(result.Items).PlatformId);
        Assert.Equal(2, result.Skipped.Count);
        Assert.Contains(result.Skipped, s => s.Platform == "weibo" && s.Reason.StartsWith("weibo/search-a.json: ") && s.PlatformId is null);
        Assert.Contains(result.Skipped, s => s.Platform == "douyin" && s.Reason == "douyin/search.json: Douyin page: 'status_code' is 8 (blocked)");
    }

    [Fact]
    public void Should_list_items_oldest_first_whatever_the_file_order()
    {
        Write("weibo/search-1.json", WeiboPage(Mblog("2", "Sat Jul 20 10:01:02 +0800 2024"), Mblog("1", "Thu Dec 28 14:05:00 +0800 2023")));
        Write("news/articles.jsonl", """{"url": "https://news.example.cn/a.html", "title": "t", "outlet": "o", "published": "2024-03-28T22:30:00+08:00", "body": "b"}""");

        var result = SampleCorpus.Load(_root, ObservedAt);

        Assert.Equal(["1", "https://news.example.cn/a.html", "2"], result.Items.Select(i => i.PlatformId));
    }

    [Fact]
    public void Should_not_let_a_post_id_reach_outside_the_long_text_folder()
    {
        Write("weibo/search-1.json", WeiboPage(Mblog("../outside", "Sat Jul 20 10:01:02 +0800 2024", isLongText: true)));
        Write("weibo/outside.json", """{"ok":1,"data":{"longTextContent":"text from outside the folder"}}""");

        var item = Assert.Single(SampleCorpus.Load(_root, ObservedAt).Items);

        Assert.Equal("shown text", item.Text);
    }

    [Fact]
    public void Should_keep_the_shown_text_when_a_long_text_file_is_broken()
    {
        Write("weibo/search-1.json", WeiboPage(Mblog("42", "Sat Jul 20 10:01:02 +0800 2024", isLongText: true), Mblog("43", "Sat Jul 20 10:01:02 +0800 2024")));
        Write("weibo/longtext/42.json", "{ broken");

        var result = SampleCorpus.Load(_root, ObservedAt);

        Assert.Equal(["42", "43"], result.Items.Select(i => i.PlatformId));
        Assert.Equal("shown text", result.Items[0].Text);
    }

    [Fact]
    public void Should_return_nothing_for_an_empty_directory()
    {
        var result = SampleCorpus.Load(_root, ObservedAt);

        Assert.Empty(result.Items);
        Assert.Empty(result.Skipped);
    }
}
