using Monitor.Alerts.Rules;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Tests.Rules;

public class When_matching_scope
{
    private static readonly DateTimeOffset T = Given.Anchor;

    [Fact]
    public void Should_match_platforms_and_any_of_the_entities()
    {
        var scope = SubscriptionScope.Everything with { Platforms = [PlatformNames.Weibo, PlatformNames.Douyin], EntityIds = ["xiaomi-su7", "lei-jun"] };

        Assert.True(ScopeMatcher.Matches(scope, Given.Item(T, platform: PlatformNames.Douyin, entities: ["lei-jun", "tesla"])));
        Assert.False(ScopeMatcher.Matches(scope, Given.Item(T, platform: PlatformNames.News, entities: ["xiaomi-su7"])));
        Assert.False(ScopeMatcher.Matches(scope, Given.Item(T, platform: PlatformNames.Weibo, entities: ["tesla"])));
    }

    [Fact]
    public void Should_require_every_required_term_and_no_excluded_term()
    {
        var scope = SubscriptionScope.Everything with { RequiredTerms = ["SU7", "刹车"], ExcludedTerms = ["广告"] };

        Assert.True(ScopeMatcher.Matches(scope, Given.Item(T, text: "su7 的刹车又出问题了")));
        Assert.False(ScopeMatcher.Matches(scope, Given.Item(T, text: "SU7 交付了")));
        Assert.False(ScopeMatcher.Matches(scope, Given.Item(T, text: "SU7 刹车 广告")));
    }

    [Fact]
    public void Should_leave_out_items_whose_text_is_unknown_when_terms_or_languages_are_set()
    {
        var byTerm = SubscriptionScope.Everything with { ExcludedTerms = ["广告"] };
        var byLanguage = SubscriptionScope.Everything with { Languages = ["en"] };

        Assert.False(ScopeMatcher.Matches(byTerm, Given.Item(T, text: null)));
        Assert.False(ScopeMatcher.Matches(byLanguage, Given.Item(T, text: "SU7 recall", language: "zh")));
        Assert.True(ScopeMatcher.Matches(byLanguage, Given.Item(T, text: "SU7 recall", language: "en")));
    }

    [Fact]
    public void Should_not_count_items_out_of_scope()
    {
        var rule = new AlertRule("neg", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(1), Threshold: 0.4, MinVolume: 2);
        var evaluator = new SubscriptionEvaluator(Given.Subscription(SubscriptionScope.Everything with { Platforms = [PlatformNames.Weibo] }, rule));

        var alerts = evaluator.ObserveAll([Given.Negative(T), Given.Item(T, SentimentLabels.Negative, -1, platform: PlatformNames.News)]);

        Assert.Empty(alerts);
    }
}
