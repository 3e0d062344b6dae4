namespace Monitor.TextAnalysis;

/// <summary>One entry of a subject's gazetteer.</summary>
/// <param name="Id">Stable id carried on events, e.g. "xiaomi-su7".</param>
/// <param name="Name">Display name, e.g. "Xiaomi SU7".</param>
/// <param name="Type">One of <see cref="EntityTypes"/>.</param>
/// <param name="Aliases">Chinese and English spellings; Latin letters match in any case and width.</param>
public sealed record GazetteerEntity(string Id, string Name, string Type, IReadOnlyList<string> Aliases);
