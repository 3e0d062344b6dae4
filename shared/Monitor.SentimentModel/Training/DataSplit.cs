using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Training;

public enum Split
{
    Train,
    Dev,
    Test,
}

/// <summary>
/// Assigns a text to train (80%), dev (10%) or test (10%) by a hash of its normalised form (lower case,
/// half-width, no whitespace), so a text's split never changes and a text repeated across files
/// always lands in the same split: no test text is ever trained on.
/// </summary>
public static class DataSplit
{
    public static Split Of(string text)
    {
        var bucket = KeyHash(text) % 100;
        return bucket < 10 ? Split.Test : bucket < 20 ? Split.Dev : Split.Train;
    }

    /// <summary>For evaluation-only files: half dev (for choosing settings), half test (for reporting).</summary>
    public static Split OfEvaluationOnly(string text) => KeyHash(text) % 100 < 50 ? Split.Dev : Split.Test;

    /// <summary>A 64-bit FNV-1a of the normalised text without whitespace; equal for texts that differ only in case, width or spacing.</summary>
    public static ulong KeyHash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var raw in text)
        {
            var c = TextNormalizer.NormalizeChar(raw);
            if (char.IsWhiteSpace(c) || c == '\uFEFF') continue;
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }
}
