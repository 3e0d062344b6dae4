namespace Monitor.SentimentModel.Features;

/// <summary>What a hashed feature was made from; part of its hash so kinds never collide by design.</summary>
public enum FeatureKind : byte
{
    CjkGram = 1,
    Word = 2,
    WordBigram = 3,
    Emoji = 4,
    Emoticon = 5,
    EmoticonPolarity = 6,
    Punctuation = 7,
    CjkWord = 8,
    Language = 9,
    Link = 10,
    Handle = 11,
}
