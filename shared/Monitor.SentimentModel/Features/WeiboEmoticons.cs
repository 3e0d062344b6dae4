namespace Monitor.SentimentModel.Features;

/// <summary>
/// The polarity of common Weibo bracket emoticons ([哈哈], [泪], ...) and ASCII emoticons, authored
/// for this project. The model learns a weight per emoticon; this list adds one shared
/// "positive emoticon" / "negative emoticon" feature so that emoticons rare in training still count.
/// </summary>
public static class WeiboEmoticons
{
    private static readonly HashSet<string> Positive = new(StringComparer.Ordinal)
    {
        "哈哈", "嘻嘻", "鼓掌", "爱你", "心", "可爱", "太开心", "威武", "good", "围观", "抱抱", "给力", "亲亲",
        "赞", "呵呵", "笑哈哈", "兔子", "礼物", "发礼物", "握手", "亲一口", "ok", "耶", "蛋糕", "好喜欢", "害羞",
        "鲜花", "发红包", "红包拿来", "偷笑", "酷", "馋嘴", "花心", "挤眼", "做鬼脸", "好爱哦", "笑cry", "憧憬",
        "色", "羞嗒嗒", "得意地笑", "作揖", "飞个吻", "舔屏", "送花花", "打call", "喜", "福", "玫瑰", "太阳",
        "愛你", "哈哈哈", "微笑", "二哈", "doge", "喵喵", "互粉", "加油", "强", "胜利", "萌", "lovely", "like",
    };

    private static readonly HashSet<string> Negative = new(StringComparer.Ordinal)
    {
        "泪", "抓狂", "晕", "衰", "怒", "吃惊", "汗", "悲伤", "失望", "哼", "蜡烛", "挖鼻屎", "委屈", "生病",
        "怒骂", "疑问", "鄙视", "崩溃", "睡觉", "困", "懒得理你", "可怜", "伤心", "心碎", "吐", "弱", "左哼哼",
        "右哼哼", "闭嘴", "黑线", "囧", "淚", "感冒", "酸", "阴险", "费解", "嘘", "白眼", "允悲", "跪了", "裂开",
        "苦涩", "大哭", "生气", "流泪", "哭", "悲催", "不要", "拜拜", "打脸", "骷髅", "污", "摊手", "并不简单",
        "沙尘暴", "鸭梨", "拳头", "no", "坑", "傻眼", "疑惑",
    };

    /// <summary>+1, -1 or 0 for the text between the brackets of a Weibo emoticon.</summary>
    public static int PolarityOf(ReadOnlySpan<char> name)
    {
        var lookup = Positive.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(name)) return 1;
        return Negative.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name) ? -1 : 0;
    }

    /// <summary>ASCII emoticons, already lower-cased (":D" reads ":d"). Longest first.</summary>
    internal static readonly (string Text, int Polarity)[] Ascii =
    [
        (":-)", 1), (":)", 1), (":-d", 1), (":d", 1), (";-)", 1), (";)", 1), ("^_^", 1), ("^^", 1),
        (":-(", -1), (":(", -1), (":'(", -1), (":-/", -1), ("-_-", -1), ("t_t", -1), (">_<", -1),
    ];
}
