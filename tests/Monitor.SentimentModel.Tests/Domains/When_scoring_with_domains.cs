using Monitor.SentimentModel.Domains;

namespace Monitor.SentimentModel.Tests.Domains;

public class When_scoring_with_domains
{
    private const string Text = "酒店房间很干净，服务也好 the staff were great";

    [Fact]
    public void Factors_take_the_top_domain_alone_when_hard_and_sure_enough()
    {
        var domains = DomainModels.Domains(DomainMixing.Hard, threshold: 0.6f);
        var factors = new double[3];

        domains.Factors([0.1, 0.7, 0.2], factors);

        Assert.Equal([0, 0.5, 0], factors);
    }

    [Fact]
    public void Factors_weigh_every_domain_by_its_probability_when_soft()
    {
        var domains = DomainModels.Domains(DomainMixing.Soft, threshold: 0.6f);
        var factors = new double[3];

        domains.Factors([0.1, 0.7, 0.2], factors);

        Assert.Equal(0.1, factors[0], 12);
        Assert.Equal(0.7 * 0.5, factors[1], 12);
        Assert.Equal(0.2, factors[2], 12);
    }

    [Fact]
    public void Factors_are_zero_when_the_classifier_is_unsure()
    {
        var factors = new double[] { 9, 9, 9 };

        DomainModels.Domains(DomainMixing.Soft, threshold: 0.6f).Factors([0.3, 0.4, 0.3], factors);

        Assert.Equal([0, 0, 0], factors);
    }

    [Fact]
    public void Logit_is_the_shared_logit_plus_the_chosen_domain_part()
    {
        var classifier = new SentimentClassifier(DomainModels.WithDomains(DomainMixing.Hard, threshold: 0f));
        var (shared, parts, probabilities) = classifier.DomainParts(Text);
        var top = Array.IndexOf(probabilities, probabilities.Max());
        var scale = DomainModels.Domains().Scales[top];

        Assert.Equal(1.0, probabilities.Sum(), 9);
        Assert.Equal(new SentimentClassifier(DomainModels.Linear()).Logit(Text), shared, 9);
        Assert.NotEqual(0, parts[top]);
        Assert.Equal(shared + scale * parts[top], classifier.Logit(Text), 9);
    }

    [Fact]
    public void Logit_is_the_shared_logit_alone_below_the_threshold()
    {
        var classifier = new SentimentClassifier(DomainModels.WithDomains(DomainMixing.Soft, threshold: 1f));

        Assert.Equal(new SentimentClassifier(DomainModels.Linear()).Logit(Text), classifier.Logit(Text), 9);
    }

    [Fact]
    public void Predict_agrees_with_logit_and_explains_with_phrases_of_the_text()
    {
        var classifier = new SentimentClassifier(DomainModels.WithDomains(DomainMixing.Soft, threshold: 0f));

        var prediction = classifier.Predict(Text);

        Assert.Equal(2 / (1 + Math.Exp(-classifier.Logit(Text))) - 1, prediction.Score, 9);
        Assert.InRange(prediction.TopPhrases.Count, 1, 5);
        Assert.All(prediction.TopPhrases, p => Assert.Contains(p.Phrase, Text));
        var strengths = prediction.TopPhrases.Select(p => Math.Abs(p.Weight)).ToList();
        Assert.Equal(strengths.OrderDescending(), strengths);
    }

    [Fact]
    public void Phrases_carry_the_domain_copies_that_scored()
    {
        // shared weights all zero: whatever a phrase weighs comes from a domain copy
        var linear = DomainModels.Linear();
        var model = linear with { Weights = new short[linear.Weights.Length], Domains = DomainModels.Domains(DomainMixing.Hard, threshold: 0f) };
        var classifier = new SentimentClassifier(model);

        var prediction = classifier.Predict(Text);

        Assert.NotEmpty(prediction.TopPhrases);
        Assert.All(prediction.TopPhrases, p => Assert.NotEqual(0, p.Weight));
        Assert.All(prediction.TopPhrases, p => Assert.Contains(p.Phrase, Text));
    }

    [Fact]
    public void Phrases_are_the_shared_weights_alone_when_no_domain_scored()
    {
        var shared = new SentimentClassifier(DomainModels.Linear()).Predict(Text);
        var unsure = new SentimentClassifier(DomainModels.WithDomains(DomainMixing.Hard, threshold: 1f)).Predict(Text);

        Assert.Equal(shared.TopPhrases, unsure.TopPhrases);
        Assert.Equal(shared.Score, unsure.Score, 12);
    }

    [Fact]
    public void A_negated_model_negates_the_logit_domains_included()
    {
        var model = DomainModels.WithDomains(DomainMixing.Soft, threshold: 0f);

        Assert.Equal(-new SentimentClassifier(model).Logit(Text), new SentimentClassifier(model.Negated("negated-1")).Logit(Text), 3);
    }

    [Fact]
    public void Validate_names_a_domain_table_of_the_wrong_size()
    {
        var domains = DomainModels.Domains() with { Weights = new short[100] };

        var error = Assert.Throws<InvalidDataException>(domains.Validate);

        Assert.Contains("Domain table holds 100 weights", error.Message);
    }
}
