namespace Monitor.Deploy.Tests.Compose;

/// <summary>A node of the YAML subset docker-compose.yml is written in: mappings, sequences and scalars.</summary>
public abstract record YamlNode(int Line);

public sealed record YamlScalar(string Value, int Line) : YamlNode(Line)
{
    public override string ToString() => Value;
}

public sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line) : YamlNode(Line);

public sealed record YamlMapping(IReadOnlyList<KeyValuePair<string, YamlNode>> Entries, int Line) : YamlNode(Line)
{
    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;

    public YamlMapping Mapping(string key) => this[key] as YamlMapping
        ?? throw new KeyNotFoundException($"line {Line}: no mapping '{key}' (keys: {string.Join(", ", Keys)})");

    public string? Scalar(string key) => (this[key] as YamlScalar)?.Value;

    /// <summary>A sequence of scalars, written either as a block ("- a") or in flow style ("[a, b]").</summary>
    public IReadOnlyList<string> Strings(string key) => this[key] switch
    {
        YamlSequence s => s.Items.Select(i => i is YamlScalar v ? v.Value
            : throw new FormatException($"line {i.Line}: expected a scalar in '{key}'")).ToList(),
        null => [],
        var other => throw new FormatException($"line {other.Line}: '{key}' is not a sequence"),
    };
}
