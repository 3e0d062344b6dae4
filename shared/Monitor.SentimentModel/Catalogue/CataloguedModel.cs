namespace Monitor.SentimentModel.Catalogue;

/// <summary>A model file found on disk and the version written inside it.</summary>
public sealed record CataloguedModel(string Version, string Path);
