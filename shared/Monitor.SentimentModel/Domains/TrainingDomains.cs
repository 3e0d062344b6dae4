namespace Monitor.SentimentModel.Domains;

/// <summary>
/// Which domain each training set belongs to. Sets not named here (and lexicon rows) train the
/// shared weights only.
/// </summary>
public static class TrainingDomains
{
    public static readonly IReadOnlyDictionary<string, string> Default = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ChnSentiCorp"] = "hotel",
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
