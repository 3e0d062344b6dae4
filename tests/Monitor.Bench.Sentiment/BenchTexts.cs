using System.Text;
using Monitor.SentimentModel.Data;

namespace Monitor.Bench.Sentiment;

/// <summary>
/// Deterministic 1–2 KB (UTF-8) texts mixing Chinese and English, stitched from the authored SU7
/// sentences in a seeded order, so every run scores the same texts.
/// </summary>
internal static class BenchTexts
{
    public static string[] Create(int count, int seed = 7)
    {
        var sentences = new[] { "dev.tsv", "test.tsv" }
            .SelectMany(f => LabelledFile.Read(Path.Combine(AppContext.BaseDirectory, "samples", f)))
            .Select(r => r.Text)
            .ToArray();
        var random = new Random(seed);
        var texts = new string[count];
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Clear();
            var targetBytes = 1024 + random.Next(1024);
            var bytes = 0;
            while (true)
            {
                var sentence = sentences[random.Next(sentences.Length)];
                var size = Encoding.UTF8.GetByteCount(sentence) + 1;
                if (bytes + size > targetBytes) break;
                builder.Append(sentence).Append(' ');
                bytes += size;
            }
            texts[i] = builder.ToString();
        }
        return texts;
    }
}
