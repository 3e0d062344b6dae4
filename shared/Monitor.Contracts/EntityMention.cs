namespace Monitor.Contracts;

/// <summary>An entity of the subject's gazetteer found in a text.</summary>
/// <param name="Id">Stable gazetteer id, e.g. "xiaomi-su7".</param>
/// <param name="Name">Canonical display name, e.g. "Xiaomi SU7".</param>
/// <param name="Type">brand, product, person or competitor.</param>
/// <param name="Count">How many times an alias occurred.</param>
public sealed record EntityMention(string Id, string Name, string Type, int Count);
