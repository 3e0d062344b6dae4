namespace Monitor.SentimentModel.Features;

/// <summary>Optional feature families a model was trained with; stored in the model file so scoring extracts the same ones.</summary>
[Flags]
public enum FeatureSet
{
    /// <summary>Character n-grams, English words and bigrams, emoji, emoticons and marks only.</summary>
    None = 0,

    /// <summary>
    /// Chinese words from dictionary segmentation (<see cref="ChineseWords"/>): word bigrams and words of
    /// four or more characters (shorter words are already character n-grams).
    /// </summary>
    ChineseWords = 1,

    /// <summary>One feature on texts mostly in Latin letters: English gets a bias of its own.</summary>
    LanguageBias = 2,

    /// <summary>English words after "but" / "however" (to the end of the sentence) count twice.</summary>
    ContrastEmphasis = 4,

    /// <summary>
    /// A web address (http:// or https:// to the next space or CJK character) is one feature, and so is an
    /// @handle in Latin letters: the random characters of short links and user names are noise.
    /// </summary>
    LinksAndHandles = 8,
}
