namespace Monitor.ReadModels.Mentions;

/// <summary>An entity as rm_mentions.entities stores it.</summary>
public sealed record MentionEntity(string Id, string Name, string Type, int Count);

/// <summary>A sentiment phrase as rm_mentions.sentiment_phrases stores it.</summary>
public sealed record MentionPhrase(string Text, double Weight);
