using System.Buffers;
using Monitor.TextAnalysis.Matching;

namespace Monitor.TextAnalysis;

/// <summary>
/// Splits runs of Chinese characters into words with a unigram language model: of all ways to cut
/// a run into dictionary words (or single characters), the one with the highest product of word
/// probabilities wins (dynamic programming over the run, as jieba does without its HMM).
/// Immutable and thread-safe.
/// </summary>
public sealed class ChineseSegmenter
{
    /// <summary>Runs shorter than this segment on the stack; longer ones on pooled arrays.</summary>
    private const int StackLimit = 256;

    private readonly CharTrie _words;
    private readonly float[] _logProbability;   // by word index
    private readonly float _unknownCharacter;   // log probability of a character the dictionary lacks

    /// <param name="words">Words with their corpus frequencies; a word listed twice keeps the larger frequency.</param>
    public ChineseSegmenter(IEnumerable<KeyValuePair<string, long>> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (word, frequency) in words)
        {
            if (string.IsNullOrEmpty(word) || frequency <= 0) continue;
            frequencies[word] = Math.Max(frequency, frequencies.GetValueOrDefault(word));
        }
        if (frequencies.Count == 0) throw new ArgumentException("The dictionary holds no words with a positive frequency.", nameof(words));

        double total = frequencies.Values.Sum();
        var entries = new List<KeyValuePair<string, int>>(frequencies.Count);
        _logProbability = new float[frequencies.Count];
        var index = 0;
        foreach (var (word, frequency) in frequencies)
        {
            _logProbability[index] = (float)Math.Log(frequency / total);
            entries.Add(new(word, index++));
        }
        _unknownCharacter = (float)Math.Log(1 / total);
        _words = CharTrie.Build(entries);
        LogTotal = Math.Log(total);
    }

    /// <summary>Natural log of the dictionary's total frequency.</summary>
    internal double LogTotal { get; }

    /// <summary>The words of <paramref name="run"/> (a run of Chinese characters), in order.</summary>
    public IReadOnlyList<string> Segment(string run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var lengths = new int[run.Length];
        var words = new string[Segment(run, lengths, new float[run.Length])];
        for (int i = 0, at = 0; i < words.Length; at += lengths[i], i++) words[i] = run.Substring(at, lengths[i]);
        return words;
    }

    /// <summary>
    /// Writes the length and log probability of every word of <paramref name="run"/>, left to right,
    /// into <paramref name="lengths"/> and <paramref name="logProbabilities"/> (each at least as long as the run).
    /// </summary>
    /// <returns>How many words the run holds.</returns>
    internal int Segment(ReadOnlySpan<char> run, Span<int> lengths, Span<float> logProbabilities)
    {
        var n = run.Length;
        float[]? rentedScores = null;
        int[]? rentedCuts = null;
        // best[i]: best log probability of run[i..]; cut[i]: length of the first word of that best split.
        var best = n < StackLimit ? stackalloc float[n + 1] : (rentedScores = ArrayPool<float>.Shared.Rent(2 * (n + 1))).AsSpan(0, n + 1);
        var wordScore = n < StackLimit ? stackalloc float[n + 1] : rentedScores.AsSpan(n + 1, n + 1);
        var cut = n < StackLimit ? stackalloc int[n + 1] : (rentedCuts = ArrayPool<int>.Shared.Rent(n + 1)).AsSpan(0, n + 1);
        try
        {
            best[n] = 0;
            for (var i = n - 1; i >= 0; i--)
            {
                // A single character is always a candidate, known or not.
                var single = _words.TryStep(CharTrie.Root, run[i], out var node) && _words.TryGetValue(node, out var singleIndex)
                    ? _logProbability[singleIndex]
                    : _unknownCharacter;
                best[i] = single + best[i + 1];
                cut[i] = 1;
                wordScore[i] = single;
                if (node == CharTrie.Root) continue; // no dictionary word starts with this character
                for (var j = i + 1; j < n && _words.TryStep(node, run[j], out node); j++)
                {
                    if (!_words.TryGetValue(node, out var wordIndex)) continue;
                    var score = _logProbability[wordIndex] + best[j + 1];
                    if (score > best[i])
                    {
                        best[i] = score;
                        cut[i] = j + 1 - i;
                        wordScore[i] = _logProbability[wordIndex];
                    }
                }
            }
            var count = 0;
            for (var i = 0; i < n; i += cut[i])
            {
                lengths[count] = cut[i];
                logProbabilities[count++] = wordScore[i];
            }
            return count;
        }
        finally
        {
            if (rentedScores is not null) ArrayPool<float>.Shared.Return(rentedScores);
            if (rentedCuts is not null) ArrayPool<int>.Shared.Return(rentedCuts);
        }
    }
}
