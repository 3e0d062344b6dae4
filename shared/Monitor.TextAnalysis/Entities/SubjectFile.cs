using System.Text.Json;

namespace Monitor.TextAnalysis;

/// <summary>
/// The JSON form of a subject: <c>{ "subject": "su7", "description": "...", "entities": [{ "id", "name",
/// "type", "aliases": [...] }] }</c>. Comments and trailing commas are allowed, property names in any case.
/// </summary>
internal static class SubjectFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="InvalidDataException">Something is missing or wrong; the message names the source, the entity and the field.</exception>
    public static (string Subject, IReadOnlyList<GazetteerEntity> Entities) Read(Stream json, string source)
    {
        Document? file;
        try
        {
            file = JsonSerializer.Deserialize<Document>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({e.Message}).", e);
        }
        if (file is null || string.IsNullOrWhiteSpace(file.Subject))
            throw new InvalidDataException($"{source}: \"subject\" (the subject's name) is missing.");
        if (file.Entities is null || file.Entities.Count == 0)
            throw new InvalidDataException($"{source}: \"entities\" is missing or empty.");

        var entities = new List<GazetteerEntity>(file.Entities.Count);
        for (var i = 0; i < file.Entities.Count; i++)
        {
            var entry = file.Entities[i];
            var where = $"{source}: entity #{i + 1}" + (string.IsNullOrWhiteSpace(entry?.Id) ? "" : $" ('{entry.Id}')");
            if (entry is null) throw new InvalidDataException($"{where} is null.");
            if (string.IsNullOrWhiteSpace(entry.Id)) throw new InvalidDataException($"{where} has no \"id\".");
            if (string.IsNullOrWhiteSpace(entry.Name)) throw new InvalidDataException($"{where} has no \"name\".");
            if (entry.Type is null || !EntityTypes.All.Contains(entry.Type))
                throw new InvalidDataException($"{where} has type '{entry.Type}'; expected one of {string.Join(", ", EntityTypes.All)}.");
            if (entry.Aliases is null || entry.Aliases.Count == 0 || entry.Aliases.Any(string.IsNullOrWhiteSpace))
                throw new InvalidDataException($"{where} needs at least one alias, and no alias may be blank.");
            entities.Add(new GazetteerEntity(entry.Id.Trim(), entry.Name.Trim(), entry.Type, entry.Aliases.Select(a => a.Trim()).ToArray()));
        }
        return (file.Subject.Trim(), entities);
    }

    private sealed record Document(string? Subject, string? Description, List<Entity?>? Entities);

    private sealed record Entity(string? Id, string? Name, string? Type, List<string>? Aliases);
}
