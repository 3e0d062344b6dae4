namespace Monitor.SentimentModel.Features;

/// <summary>Which script a normalised text is mostly written in, for the parts of a model kept apart per language.</summary>
public static class ScriptMix
{
    /// <summary>True when the text has more Latin letters than CJK characters.</summary>
    public static bool IsMostlyLatin(ReadOnlySpan<char> normalized)
    {
        var balance = 0;
        foreach (var c in normalized)
        {
            if (c is >= 'a' and <= 'z') balance++;
            else if (CharClass.IsCjk(c)) balance--;
        }
        return balance > 0;
    }
}
