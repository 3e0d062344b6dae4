using System.Reflection;
using System.Runtime.CompilerServices;

namespace Monitor.SentimentModel.Features;

/// <summary>
/// The Chinese word list that splits CJK runs into words for <see cref="FeatureSet.ChineseWords"/>:
/// the project's segmentation dictionary (shared/Monitor.TextAnalysis/Resources/zh-words.txt, embedded
/// here too), held as a set of 64-bit word hashes so a lookup allocates nothing.
/// Segmentation is forward maximum matching: at each character the longest dictionary word wins, and
/// a character that starts no word of two or more characters is a word of its own.
/// </summary>
public static class ChineseWords
{
    public const int MaxWordLength = 6;
    private const string ResourceName = "Monitor.SentimentModel.Resources.zh-words.txt";

    private static readonly Lazy<ulong[]> Table = new(Load);

    /// <summary>The length of the dictionary word starting the run (1 when none of two or more characters does).</summary>
    public static int LongestWordAt(ReadOnlySpan<char> run)
    {
        var table = Table.Value;
        var mask = table.Length - 1;
        var longest = 1;
        var h = Offset;
        var limit = Math.Min(run.Length, MaxWordLength);
        for (var length = 1; length <= limit; length++)
        {
            h = Step(h, run[length - 1]);
            if (length >= 2 && Contains(table, mask, h)) longest = length;
        }
        return longest;
    }

    /// <summary>How many words of two or more characters the dictionary holds (loads it).</summary>
    public static int Count => Table.Value.Count(h => h != 0);

    private const ulong Offset = 14695981039346656037UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong h, char c) => (h ^ c) * 1099511628211UL;

    // a murmur finaliser spreads every character over all 64 bits (FNV alone leaves the middle bits,
    // where slots would come from, nearly blind to the last character); 0 marks an empty slot, so keys are odd
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h | 1;
    }

    private static bool Contains(ulong[] table, int mask, ulong raw)
    {
        var key = Mix(raw);
        for (var slot = (int)(key >> 1) & mask; ; slot = (slot + 1) & mask)
        {
            var entry = table[slot];
            if (entry == key) return true;
            if (entry == 0) return false;
        }
    }

    private static ulong[] Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded word list '{ResourceName}'.");
        using var reader = new StreamReader(stream);
        var keys = new List<ulong>(60_000);
        while (reader.ReadLine() is { } line)
        {
            var space = line.IndexOf(' ');
            var word = space < 0 ? line : line[..space];
            if (word.Length is < 2 or > MaxWordLength) continue;
            var h = Offset;
            foreach (var c in word) h = Step(h, TextNormalizer.NormalizeChar(c));
            keys.Add(Mix(h));
        }
        // open addressing at a load under one half: a miss ends within a slot or two
        var size = 1;
        while (size < keys.Count * 2) size <<= 1;
        var table = new ulong[size];
        foreach (var key in keys)
        {
            var slot = (int)(key >> 1) & (size - 1);
            while (table[slot] != 0 && table[slot] != key) slot = (slot + 1) & (size - 1);
            table[slot] = key;
        }
        return table;
    }
}
