using Monitor.SentimentModel.Domains;
using Monitor.SentimentModel.Features;
using Monitor.SentimentModel.Training;

namespace Monitor.SentimentModel.Tests.Domains;

public class When_training_the_domain_classifier
{
    private static readonly string[][] Vocabulary =
    [
        ["酒店", "房间", "前台", "早餐", "床"],
        ["快递", "包装", "价格", "质量", "手机"],
        ["外卖", "米饭", "送餐", "味道", "骑手"],
    ];

    private static (SparseVector[] Rows, int[] Domains) Rows(int count, int offset)
    {
        var rows = new SparseVector[count];
        var domains = new int[count];
        for (var i = 0; i < count; i++)
        {
            var d = (i + offset) % 3;
            var words = Vocabulary[d];
            var text = $"{words[i % 5]}不错 {i} {words[(i / 5 + 2) % 5]}一般";
            rows[i] = SparseVector.DomainClassifier(FeatureHashes.Of(text, 3, FeatureSet.None, [], []), 10, 0.5f);
            domains[i] = d;
        }
        return (rows, domains);
    }

    private static DomainClassifierWeights Train()
    {
        var (rows, domains) = Rows(900, 0);
        return new DomainClassifierTrainer(new DomainOptions { ClassifierBits = 10, ClassifierEpochs = 3 }, 3, seed: 7).Train(rows, domains);
    }

    [Fact]
    public void Should_tell_the_domains_apart_on_texts_it_did_not_see()
    {
        var classifier = Train();
        var (rows, domains) = Rows(90, 1);

        var correct = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var logits = new double[3];
            for (var d = 0; d < 3; d++)
            {
                logits[d] = classifier.Biases[d];
                for (var k = 0; k < rows[i].Indices.Length; k++)
                    logits[d] += classifier.Weights[rows[i].Indices[k] * 3 + d] * classifier.Scale * rows[i].Values[k];
            }
            if (Array.IndexOf(logits, logits.Max()) == domains[i]) correct++;
        }

        Assert.True(correct >= 85, $"{correct} of 90 held-out texts in the right domain");
    }

    [Fact]
    public void Should_give_the_same_weights_every_time()
    {
        var first = Train();
        var second = Train();

        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Biases, second.Biases);
        Assert.Equal(first.Scale, second.Scale);
    }

    [Fact]
    public void Softmax_gives_probabilities_that_sum_to_one()
    {
        Span<double> logits = [2.0, -1.0, 700.0];

        DomainClassifierTrainer.Softmax(logits);

        Assert.Equal(1.0, logits[0] + logits[1] + logits[2], 12);
        Assert.True(logits[2] > 0.999);
    }
}
