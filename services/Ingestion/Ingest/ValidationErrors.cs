namespace Monitor.Ingestion.Ingest;

/// <summary>Problems found in input, keyed by the JSON path of the offending field (e.g. "[3].publishedAt").</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string path, string problem)
    {
        if (!_errors.TryGetValue(path, out var problems)) _errors[path] = problems = [];
        problems.Add(problem);
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
}
