using System.Text;
using Monitor.Contracts;

namespace Monitor.Bench.Pipeline;

/// <summary>
/// Made-up coverage items shaped like the feeds' output: Chinese social posts and English news, 150 to
/// 600 characters, assembled from sentence pools so texts vary (and extraction/sentiment do real work).
/// Ids are unique per run, so every item is new to ingestion.
/// </summary>
public static class GeneratedCoverage
{
    private static readonly string[] ChineseSentences =
    [
        "小米SU7 今天正式上市，21.59万起的价格让不少人直呼良心。",
        "试驾了一下午，底盘扎实，加速很猛，但是后排空间有点局促。",
        "雷军在发布会上说这是梦想的开始，现场气氛非常热烈。",
        "交付太慢了，等了三个月还没消息，客服也一直在推脱，很失望。",
        "续航实测比官方数据少了大概百分之十五，冬天掉电明显。",
        "车机系统流畅，和手机互联很方便，小爱同学反应也快。",
        "刹车的脚感偏软，高速上有点没底，希望后续OTA能改善。",
        "颜值真的能打，海湾蓝在阳光下特别好看，路人回头率很高。",
        "听说有车主遇到了自动泊车失灵的问题，官方还没有回应。",
        "比起特斯拉Model 3，内饰做工更好，但智驾还差一点。",
        "门店排队的人太多了，销售说现在下订要等到明年。",
        "充电速度不错，十五分钟补能三百公里，基本够用。",
    ];

    private static readonly string[] EnglishSentences =
    [
        "Xiaomi's first electric sedan, the SU7, went on sale this week at a starting price of 215,900 yuan.",
        "Early reviewers praised the car's acceleration and software integration with Xiaomi phones.",
        "Analysts warned that delivery delays could dent enthusiasm as the waiting list grows to several months.",
        "Some owners reported that the driver-assistance system disengaged unexpectedly on highways.",
        "The company said it had received more than 75,000 firm orders within 24 hours of the launch.",
        "Critics said the braking feel was too soft and called for a software update.",
        "Competition in China's EV market is fierce, with BYD and Tesla cutting prices again this quarter.",
        "Range in cold weather fell well short of the official rating in independent tests.",
        "Shares of Xiaomi rose sharply after the launch event in Beijing.",
        "The design drew comparisons with Porsche, which some commentators found unoriginal.",
    ];

    private static readonly string[] Hashtags = ["小米SU7", "雷军", "新能源汽车", "试驾", "交付", "XiaomiEV"];
    private static readonly string[] Regions = ["北京", "上海", "广东", "浙江", "四川", "江苏"];

    public static CoverageReceived Item(string runId, int n)
    {
        var random = new Random(n);
        var observed = DateTimeOffset.UtcNow;
        var published = observed.AddMinutes(-random.Next(1, 600));
        var platform = Contracts.PlatformNames.All[n % Contracts.PlatformNames.All.Count];
        var platformId = $"{runId}-{n:D7}";
        var isNews = platform == Contracts.PlatformNames.News;
        var text = Compose(isNews ? EnglishSentences : ChineseSentences, random, isNews ? " " : "", minLength: 150 + random.Next(450));
        var url = isNews ? $"https://news.example.com/auto/{platformId}" : $"https://{platform}.example.com/{random.Next(1000, 9999)}/{platformId}";
        return new CoverageReceived(
            platform,
            platformId,
            url,
            isNews ? "Xiaomi SU7 launch: " + EnglishSentences[random.Next(EnglishSentences.Length)] : null,
            text,
            new Author($"u{random.Next(1, 5000)}", isNews ? "Example Auto News" : $"用户{random.Next(1, 5000)}", random.Next(0, 2_000_000), random.Next(10) == 0),
            published,
            new Engagement(random.Next(0, 50_000), random.Next(0, 5_000), random.Next(0, 2_000), isNews ? null : random.Next(0, 500_000)),
            isNews ? [] : [Hashtags[random.Next(Hashtags.Length)], Hashtags[random.Next(Hashtags.Length)]],
            isNews ? null : Regions[random.Next(Regions.Length)],
            "bench",
            observed);
    }

    private static string Compose(string[] sentences, Random random, string separator, int minLength)
    {
        var text = new StringBuilder();
        while (text.Length < minLength)
        {
            if (text.Length > 0) text.Append(separator);
            text.Append(sentences[random.Next(sentences.Length)]);
        }
        return text.ToString();
    }
}
