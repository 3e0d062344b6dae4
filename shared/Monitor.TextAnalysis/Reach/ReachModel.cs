using Monitor.Contracts;

namespace Monitor.TextAnalysis;

/// <summary>
/// Estimated audience of one item, on one scale for every platform: people who saw it.
/// </summary>
/// <remarks>
/// <para>Reach is the largest of three estimates, each used only when its inputs are known:</para>
/// <list type="bullet">
/// <item><b>views</b>: counted views (Douyin plays, Weibo or news reads), taken as they are;</item>
/// <item><b>audience</b>: author followers × the share of followers a post reaches on that platform
/// (Weibo and news 1.0: the timeline and the outlet's readership; Douyin and Xiaohongshu 0.1: their
/// feeds are recommendation-driven, so followers say little);</item>
/// <item><b>engagement</b>: (likes + comments + shares + collects) ÷ the platform's typical engagement
/// rate (Weibo 1%, Douyin 4%, Xiaohongshu 5%, news 0.5%), for items whose views are not shown.</item>
/// </list>
/// <para>
/// So Weibo reach is mostly followers, Douyin reach is plays, and Xiaohongshu reach is derived
/// from engagement. An item with nothing known has reach 0.
/// </para>
/// </remarks>
public static class ReachModel
{
    private sealed record PlatformFactors(double FollowerShare, double EngagementRate);

    private static readonly Dictionary<string, PlatformFactors> Factors = new(StringComparer.Ordinal)
    {
        [PlatformNames.Weibo] = new(FollowerShare: 1.0, EngagementRate: 0.01),
        [PlatformNames.Douyin] = new(FollowerShare: 0.1, EngagementRate: 0.04),
        [PlatformNames.Xiaohongshu] = new(FollowerShare: 0.1, EngagementRate: 0.05),
        [PlatformNames.News] = new(FollowerShare: 1.0, EngagementRate: 0.005),
    };

    /// <exception cref="ArgumentException">The platform is unknown, or a count is negative.</exception>
    public static long Estimate(string platform, Author author, Engagement engagement)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(engagement);
        if (platform is null || !Factors.TryGetValue(platform, out var factors))
            throw new ArgumentException($"Unknown platform '{platform}'; expected one of {string.Join(", ", PlatformNames.All)}.", nameof(platform));
        RequireNotNegative(author.Followers, "author followers");
        RequireNotNegative(engagement.Likes, "likes");
        RequireNotNegative(engagement.Comments, "comments");
        RequireNotNegative(engagement.Shares, "shares");
        RequireNotNegative(engagement.Views, "views");
        RequireNotNegative(engagement.Collects, "collects");

        double views = engagement.Views ?? 0;
        var audience = (author.Followers ?? 0) * factors.FollowerShare;
        double interactions = (engagement.Likes ?? 0) + (engagement.Comments ?? 0) + (engagement.Shares ?? 0) + (engagement.Collects ?? 0);
        var fromEngagement = interactions / factors.EngagementRate;

        var reach = Math.Max(views, Math.Max(audience, fromEngagement));
        return reach >= long.MaxValue ? long.MaxValue : (long)Math.Round(reach);
    }

    private static void RequireNotNegative(long? count, string what)
    {
        if (count < 0) throw new ArgumentException($"The {what} count is negative ({count}); counts must be 0 or more.");
    }
}
