namespace Monitor.SentimentModel.Domains;

/// <summary>
/// Which domain each training set belongs to. Sets not named here (and lexicon rows) train the
/// shared weights only. ChnSentiCorp is a domain of its own, apart from the ChnSentiCorp_htl_all
/// hotel reviews: it mixes hotel, laptop and book reviews (on dev a perfect domain classifier gained
/// 9 ChnSentiCorp rows with it apart and none with the two sets as one hotel domain).
/// </summary>
public static class TrainingDomains
{
    public static readonly IReadOnlyDictionary<string, string> Default = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ChnSentiCorp"] = "reviews",
        ["ChnSentiCorp_htl_all"] = "hotel",
        ["online_shopping_10_cats"] = "shopping",
        ["waimai_10k"] = "delivery",
        ["SST-2"] = "movie",
        ["SST-2 sentences"] = "movie",
        ["weibo_senti_100k_subset"] = "weibo",
    };

    /// <summary>The distinct domains in first-seen order of the map's sets sorted by name, so the order is stable.</summary>
    public static string[] Names(IReadOnlyDictionary<string, string> map) =>
        map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).Distinct(StringComparer.Ordinal).ToArray();
}
