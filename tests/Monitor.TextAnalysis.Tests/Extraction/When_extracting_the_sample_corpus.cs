using Monitor.Contracts;
using Monitor.Platforms;
using Xunit;

namespace Monitor.TextAnalysis.Tests.Extraction;

/// <summary>The SU7 sample corpus (samples/su7) as the platform readers hand it over: real shapes, authored texts.</summary>
public class When_extracting_the_sample_corpus
{
    private static readonly Lazy<ContentExtracted[]> Extracted = new(() =>
    {
        var corpus = SampleCorpus.Load(SampleCorpus.FindDirectory(), DateTimeOffset.UnixEpoch);
        return corpus.Items
            .Select(r => new CoverageIngested(
                CoverageIdentity.For(r.Platform, r.PlatformId, r.Url), r.Platform, r.PlatformId, r.Url, r.Title, r.Text,
                r.Author, r.PublishedAt, r.Engagement, r.Hashtags, r.Region, r.Feed, r.ObservedAt))
            .DistinctBy(i => i.CoverageId)
            .Select(BuiltIn.Extractor.Extract)
            .ToArray();
    });

    private static bool IsRepost(ContentExtracted item) => item.NormalizedText.Contains("//@", StringComparison.Ordinal);

    [Fact]
    public void Should_put_every_weibo_repost_in_the_cluster_of_a_post_it_forwards()
    {
        var originals = Extracted.Value.Where(i => !IsRepost(i)).ToLookup(i => i.ClusterId);
        var reposts = Extracted.Value.Where(IsRepost).ToArray();

        Assert.NotEmpty(reposts);
        Assert.All(reposts, repost => Assert.True(originals.Contains(repost.ClusterId), $"no original shares the cluster of: {repost.NormalizedText}"));
    }

    [Fact]
    public void Should_give_posts_that_are_not_reposts_clusters_of_their_own()
    {
        var shared = Extracted.Value
            .Where(i => !IsRepost(i))
            .GroupBy(i => i.ClusterId)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" | ", g.Select(i => i.NormalizedText)))
            .ToArray();

        Assert.Empty(shared);
    }

    [Fact]
    public void Should_agree_between_cluster_ids_and_simhash_near_duplicates()
    {
        var items = Extracted.Value;
        for (var i = 0; i < items.Length; i++)
        for (var j = i + 1; j < items.Length; j++)
        {
            if (SimHash.AreNearDuplicates(items[i].SimHash, items[j].SimHash))
                Assert.True(items[i].ClusterId == items[j].ClusterId, $"near-duplicates in two clusters: {items[i].NormalizedText} | {items[j].NormalizedText}");
        }
    }

    [Fact]
    public void Should_find_the_subject_in_most_items()
    {
        var items = Extracted.Value;
        var withEntities = items.Count(i => i.Entities.Count > 0);

        Assert.True(withEntities >= items.Length * 0.8, $"only {withEntities} of {items.Length} items mention an entity");
        Assert.Equal("xiaomi-su7", items.SelectMany(i => i.Entities).GroupBy(e => e.Id).MaxBy(g => g.Sum(e => e.Count))!.Key);
    }
}
