namespace Monitor.SentimentModel.Tests.Training;

/// <summary>A labelled set "toy" of 1,200 short reviews whose polarity rests on one word each, Chinese and English.</summary>
internal static class ToyReviews
{
    public const int Rows = 1200;

    public static void Write(string dataDirectory)
    {
        var positive = new[] { "好", "棒", "喜欢", "满意", "great", "love", "excellent" };
        var negative = new[] { "差", "烂", "失望", "讨厌", "awful", "hate", "terrible" };
        var fillers = new[] { "酒店", "房间", "手机", "快递", "the room", "the phone", "service" };
        Directory.CreateDirectory(Path.Combine(dataDirectory, "toy"));
        using var writer = new StreamWriter(Path.Combine(dataDirectory, "toy", "reviews.csv"));
        writer.WriteLine("label,review");
        for (var i = 0; i < Rows; i++)
        {
            var isPositive = i % 2 == 0;
            var words = isPositive ? positive : negative;
            writer.WriteLine($"{(isPositive ? 1 : 0)},{fillers[i % fillers.Length]} {i} {words[i / 2 % words.Length]}");
        }
    }
}
