namespace Monitor.SentimentModel.Tests.Training;

/// <summary>
/// A labelled set "toy3" of 900 short posts in three classes: a polar one rests on one judging word,
/// a neutral one asks or states with 请问 / 发布 / when / announced, Chinese and English.
/// </summary>
internal static class ToyThreeClassPosts
{
    public const int Rows = 900;

    public static void Write(string dataDirectory)
    {
        var positive = new[] { "好", "棒", "喜欢", "great", "love" };
        var negative = new[] { "差", "烂", "失望", "awful", "hate" };
        var neutral = new[] { "请问 几点", "发布 时间", "请问 价格", "when does it open", "was announced today" };
        var subjects = new[] { "汽车", "门店", "交付", "the car", "the store" };
        Directory.CreateDirectory(Path.Combine(dataDirectory, "toy3"));
        using var writer = new StreamWriter(Path.Combine(dataDirectory, "toy3", "posts.csv"));
        writer.WriteLine("label,text");
        for (var i = 0; i < Rows; i++)
        {
            var (label, words) = (i % 3) switch { 0 => ("positive", positive), 1 => ("negative", negative), _ => ("neutral", neutral) };
            writer.WriteLine($"{label},{subjects[i % subjects.Length]} {i} {words[i / 3 % words.Length]}");
        }
    }
}
