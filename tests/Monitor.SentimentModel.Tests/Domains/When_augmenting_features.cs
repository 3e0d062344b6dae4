using Monitor.SentimentModel.Features;
using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Domains;

public class When_augmenting_features
{
    private const int HashBits = 12, DomainBits = 8, Domains = 3;

    private static FeatureHashes Hashes(string text) => FeatureHashes.Of(text, 3, FeatureSet.None, [], []);

    [Fact]
    public void A_row_of_no_domain_gets_the_shared_features_alone()
    {
        var hashes = Hashes("房间很干净 [哈哈] great room");

        var augmented = SparseVector.Augmented(hashes, HashBits, 0.5f, domain: -1, Domains, DomainBits);
        var linear = SparseVector.Linear(hashes, HashBits);

        Assert.Equal(linear.Indices, augmented.Indices);
        Assert.Equal(linear.Values, augmented.Values);
    }

    [Fact]
    public void A_domain_row_gets_each_feature_twice_and_its_domain_bias()
    {
        var hashes = Hashes("房间很干净 [哈哈] great room");
        var linear = SparseVector.Linear(hashes, HashBits);

        var augmented = SparseVector.Augmented(hashes, HashBits, 0.5f, domain: 2, Domains, DomainBits);

        var shared = 1 << HashBits;
        var copies = augmented.Indices.Where(j => j >= shared).Select(j => j - shared).ToList();
        Assert.Equal(linear.Indices, augmented.Indices.Where(j => j < shared));
        Assert.Equal((1 << DomainBits) * Domains + 2, copies[^1]);
        Assert.All(copies[..^1], j => Assert.Equal(2, j % Domains));
        // the same values on both sides: n-grams share one divisor, emoticons count 1
        Assert.Equal(linear.Values.Order(), augmented.Values.Take(linear.Values.Length).Order());
        Assert.Equal(linear.Values.Sum(), augmented.Values[linear.Values.Length..^1].Sum(), 4);
        Assert.Equal(1f, augmented.Values[^1]);
    }

    [Fact]
    public void The_copy_value_scales_the_copies_and_not_the_shared_features()
    {
        var hashes = Hashes("外卖送得很快 味道一般");

        var full = SparseVector.DomainCopies(hashes, 0.5f, domain: 1, Domains, DomainBits);
        var half = SparseVector.DomainCopies(hashes, 0.5f, domain: 1, Domains, DomainBits, copyValue: 0.5f);

        Assert.Equal(full.Indices, half.Indices);
        Assert.Equal(full.Values[..^1].Select(v => v / 2), half.Values[..^1]);
        Assert.Equal(1f, half.Values[^1]);
    }

    [Fact]
    public void Naive_bayes_ratios_of_each_part_come_from_that_part_alone()
    {
        // indices 0-1: the shared part, seen in every row; 2-3: one domain's copies, in two rows
        var rows = new[]
        {
            new SparseVector([0, 2], [1f, 1f]),
            new SparseVector([0], [1f]),
            new SparseVector([0], [1f]),
            new SparseVector([1, 3], [1f, 1f]),
        };
        float[] targets = [1, 1, 1, 0];
        var domainAlone = new[] { new SparseVector([0], [1f]), new SparseVector([1], [1f]) };

        var parted = NaiveBayesRatios.Of(rows, targets, 4, alpha: 1, parts: 2, partOf: j => j / 2);
        var pooled = NaiveBayesRatios.Of(rows, targets, 4, alpha: 1);
        var alone = NaiveBayesRatios.Of(domainAlone, [1, 0], 2, alpha: 1);

        Assert.Equal(alone[0], parted[2], 5);
        Assert.Equal(alone[1], parted[3], 5);
        Assert.NotEqual(alone[0], pooled[2], 3);
    }
}
