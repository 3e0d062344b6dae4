using Monitor.Contracts;
using Monitor.TextAnalysis.Matching;

namespace Monitor.TextAnalysis;

/// <summary>
/// A subject's named entities and their aliases, and the matcher that finds them in a text.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Matching: Latin letters compare case-insensitively and full-width forms as their ASCII
/// counterparts; spaces inside an alias are optional in the text ("Model 3" finds "Model3" and
/// "小米 SU7"); an alias that begins or ends with a letter or digit only matches at a word boundary
/// ("Model 3" does not match inside "Model 30"). Where aliases overlap, the leftmost match wins,
/// and among those the longest ("SU7 Ultra" over "SU7").
/// </remarks>
public sealed class Gazetteer
{
    /// <summary>Environment variable naming the subject file to load instead of the built-in one.</summary>
    public const string SubjectVariable = "MONITOR_SUBJECT";

    private const string DefaultResource = "Monitor.TextAnalysis.Subjects.su7.json";

    private readonly CharTrie _aliases;

    public Gazetteer(string subject, IEnumerable<GazetteerEntity> entities)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(entities);
        Subject = subject;
        Entities = entities.ToArray();
        _aliases = BuildMatcher(Entities, subject);
    }

    /// <summary>The subject's name, e.g. "su7".</summary>
    public string Subject { get; }

    public IReadOnlyList<GazetteerEntity> Entities { get; }

    /// <summary>Loads a subject file (JSON: <c>{ "subject": ..., "entities": [{ "id", "name", "type", "aliases": [...] }] }</c>).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid subject file; the message says what is wrong.</exception>
    public static Gazetteer Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Subject file '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    /// <summary>The subject named by <c>MONITOR_SUBJECT</c> (a file path), else the built-in SU7 subject.</summary>
    public static Gazetteer LoadDefault()
    {
        var path = Environment.GetEnvironmentVariable(SubjectVariable);
        return string.IsNullOrWhiteSpace(path) ? LoadBuiltIn() : Load(path);
    }

    /// <summary>The built-in SU7 subject (config/subjects/su7.json as compiled into this library).</summary>
    public static Gazetteer LoadBuiltIn()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"Resource {DefaultResource} is missing from {typeof(Gazetteer).Assembly.GetName().Name}.");
        return Parse(stream, "built-in su7.json");
    }

    /// <summary>Reads a subject file from a stream; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid subject file; the message says what is wrong.</exception>
    public static Gazetteer Parse(Stream json, string source)
    {
        var (subject, entities) = SubjectFile.Read(json, source);
        try
        {
            return new Gazetteer(subject, entities);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>The entities mentioned in <paramref name="text"/>, most mentioned first, then in order of first mention.</summary>
    public IReadOnlyList<EntityMention> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<int> counts = Entities.Count <= 256 ? stackalloc int[Entities.Count] : new int[Entities.Count];
        Span<int> firstSeen = Entities.Count <= 256 ? stackalloc int[Entities.Count] : new int[Entities.Count];
        counts.Clear();
        var found = 0;
        var position = 0;
        while (position < text.Length)
        {
            if (TryMatchAt(text, position, out var entity, out var end))
            {
                if (counts[entity]++ == 0) firstSeen[entity] = found++;
                position = end;
            }
            else
            {
                position++;
            }
        }
        if (found == 0) return [];

        var mentions = new (EntityMention Mention, int First)[found];
        var at = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            var e = Entities[i];
            mentions[at++] = (new EntityMention(e.Id, e.Name, e.Type, counts[i]), firstSeen[i]);
        }
        Array.Sort(mentions, (a, b) => a.Mention.Count != b.Mention.Count ? b.Mention.Count.CompareTo(a.Mention.Count) : a.First.CompareTo(b.First));
        return mentions.Select(m => m.Mention).ToArray();
    }

    /// <summary>The longest alias that starts at <paramref name="start"/> and sits on word boundaries.</summary>
    private bool TryMatchAt(string text, int start, out int entity, out int end)
    {
        entity = -1;
        end = start;
        var first = text[start];
        if (first == ' ') return false;
        if (Chars.IsLatinWordChar(first) && start > 0 && Chars.IsLatinWordChar(text[start - 1]))
            return false;

        var node = CharTrie.Root;
        for (var i = start; i < text.Length; i++)
        {
            var c = Chars.FoldForMatch(text[i]);
            if (c == ' ') continue; // spaces inside an alias are optional
            if (!_aliases.TryStep(node, c, out node)) break;
            if (_aliases.TryGetValue(node, out var value) && EndsOnBoundary(text, i))
            {
                entity = value;
                end = i + 1;
            }
        }
        return entity >= 0;
    }

    private static bool EndsOnBoundary(string text, int last) =>
        last + 1 >= text.Length
        || !Chars.IsLatinWordChar(text[last])
        || !Chars.IsLatinWordChar(text[last + 1]);

    private static CharTrie BuildMatcher(IReadOnlyList<GazetteerEntity> entities, string subject)
    {
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i] ?? throw new ArgumentException($"subject '{subject}' has a null entity at #{i + 1}.");
            if (string.IsNullOrWhiteSpace(entity.Id) || string.IsNullOrWhiteSpace(entity.Name))
                throw new ArgumentException($"entity #{i + 1} of subject '{subject}' needs an id and a name.");
            if (!EntityTypes.All.Contains(entity.Type))
                throw new ArgumentException($"entity '{entity.Id}' has type '{entity.Type}'; expected one of {string.Join(", ", EntityTypes.All)}.");
            if (entity.Aliases is null || entity.Aliases.Count == 0)
                throw new ArgumentException($"entity '{entity.Id}' has no aliases.");
            if (!ids.Add(entity.Id))
                throw new ArgumentException($"subject '{subject}' lists entity id '{entity.Id}' twice.");
            foreach (var alias in entity.Aliases)
            {
                var key = MatchKey(alias ?? "");
                if (key.Length == 0)
                    throw new ArgumentException($"entity '{entity.Id}' has an alias with no characters to match: '{alias}'.");
                if (owners.TryGetValue(key, out var owner) && owner != i)
                    throw new ArgumentException($"alias '{alias}' belongs to both '{entities[owner].Id}' and '{entity.Id}'.");
                owners[key] = i;
            }
        }
        return CharTrie.Build(owners);
    }

    private static string MatchKey(string alias) =>
        string.Create(alias.Length, alias, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = Chars.FoldForMatch(source[i]);
        }).Replace(" ", "", StringComparison.Ordinal);
}
