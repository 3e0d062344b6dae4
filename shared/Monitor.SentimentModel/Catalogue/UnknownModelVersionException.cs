namespace Monitor.SentimentModel.Catalogue;

/// <summary>No model file in the searched folders holds the requested version.</summary>
public sealed class UnknownModelVersionException(string version, IReadOnlyList<string> knownVersions, IReadOnlyList<string> searched)
    : ArgumentException(
        $"No sentiment model with version '{version}' in {Describe(searched)}. " +
        (knownVersions.Count == 0
            ? "No model files were found there."
            : $"Versions found: {string.Join(", ", knownVersions)}.") +
        " Pass one of those, or the path of a model file.")
{
    public string Version { get; } = version;

    public IReadOnlyList<string> KnownVersions { get; } = knownVersions;

    private static string Describe(IReadOnlyList<string> searched) =>
        searched.Count == 0 ? "no folder" : string.Join(" and ", searched.Select(s => $"'{s}'"));
}
