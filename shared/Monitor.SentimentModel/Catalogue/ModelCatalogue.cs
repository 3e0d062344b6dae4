using Monitor.SentimentModel.Scoring;

namespace Monitor.SentimentModel.Catalogue;

/// <summary>
/// The model files (*.bin) in a set of folders, by the version written inside each file, so an
/// operator can name a model by its version rather than by where it lies.
/// </summary>
public sealed class ModelCatalogue
{
    private ModelCatalogue(IReadOnlyList<string> searched, IReadOnlyList<CataloguedModel> models, IReadOnlyList<string> unreadable)
    {
        Searched = searched;
        Models = models;
        Unreadable = unreadable;
    }

    /// <summary>The folders that exist and were looked in, in search order.</summary>
    public IReadOnlyList<string> Searched { get; }

    /// <summary>Readable model files, in search order; the first file of a version wins.</summary>
    public IReadOnlyList<CataloguedModel> Models { get; }

    /// <summary>*.bin files that are not readable model files, with the reason.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    public IReadOnlyList<string> Versions => Models.Select(m => m.Version).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Reads the version of every *.bin file in the given folders; missing folders are passed over.</summary>
    public static ModelCatalogue Scan(IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var searched = folders
            .Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Where(Directory.Exists)
            .ToArray();
        var models = new List<CataloguedModel>();
        var unreadable = new List<string>();
        foreach (var file in searched.SelectMany(f => Directory.GetFiles(f, "*.bin").Order(StringComparer.Ordinal)))
        {
            try
            {
                models.Add(new CataloguedModel(ModelFile.Load(file).Version, file));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                unreadable.Add($"{file}: {e.Message}");
            }
        }
        return new ModelCatalogue(searched, models, unreadable);
    }

    /// <summary>
    /// The folders a version is looked up in: the repository's models/ folder, then the folder of the
    /// file named by MONITOR_SENTIMENT_MODEL when that variable is set.
    /// </summary>
    public static IReadOnlyList<string> DefaultFolders(string repositoryModels)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(SentimentClassifier.ModelPathVariable);
        var environmentFolder = string.IsNullOrWhiteSpace(fromEnvironment) ? null : Path.GetDirectoryName(Path.GetFullPath(fromEnvironment));
        return environmentFolder is null ? [repositoryModels] : [repositoryModels, environmentFolder];
    }

    /// <summary>The file holding <paramref name="version"/>; <see cref="UnknownModelVersionException"/> lists the versions found otherwise.</summary>
    public CataloguedModel Find(string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        return Models.FirstOrDefault(m => string.Equals(m.Version, version.Trim(), StringComparison.Ordinal))
            ?? throw new UnknownModelVersionException(version.Trim(), Versions, Searched);
    }

    /// <summary>
    /// A model named by version or by file path. An existing file is loaded as it is; anything that
    /// looks like a path (a folder separator or the .bin extension) but does not exist is an error of
    /// its own, so a mistyped path is not reported as an unknown version.
    /// </summary>
    public SentimentClassifier Load(string versionOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(versionOrPath);
        if (File.Exists(versionOrPath)) return SentimentClassifier.Load(versionOrPath);
        if (LooksLikePath(versionOrPath))
            throw new FileNotFoundException($"No sentiment model file at '{Path.GetFullPath(versionOrPath)}'.", versionOrPath);
        return SentimentClassifier.Load(Find(versionOrPath).Path);
    }

    private static bool LooksLikePath(string value) =>
        value.Contains(Path.DirectorySeparatorChar) || value.Contains(Path.AltDirectorySeparatorChar)
        || value.EndsWith(".bin", StringComparison.OrdinalIgnoreCase);
}
