using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.EventStore;

/// <summary>
/// Maps event types to explicit, stable names (so renaming a C# type does not orphan stored events)
/// and turns old stored shapes into current ones through upcasters. Serialization is System.Text.Json.
/// </summary>
public sealed class EventTypeRegistry
{
    private const int MaxUpcastChain = 32;

    private readonly ConcurrentDictionary<string, Type> _typesByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _namesByType = new();
    private readonly ConcurrentDictionary<string, (Func<JsonObject, JsonObject> Upcast, string ToName)> _upcasters = new(StringComparer.Ordinal);

    public EventTypeRegistry(JsonSerializerOptions? jsonOptions = null) =>
        JsonOptions = jsonOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    public JsonSerializerOptions JsonOptions { get; }

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="name"/>, the name stored with its events.</summary>
    public EventTypeRegistry Register<T>(string name) => Register(typeof(T), name);

    public EventTypeRegistry Register(Type type, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"The event name for {type.FullName} is empty.", nameof(name));
        if (_typesByName.TryGetValue(name, out var existing) && existing != type)
            throw new ArgumentException($"Event name '{name}' is already registered for {existing.FullName}; cannot register it for {type.FullName}.", nameof(name));
        if (_namesByType.TryGetValue(type, out var existingName) && existingName != name)
            throw new ArgumentException($"{type.FullName} is already registered as '{existingName}'; cannot register it again as '{name}'.", nameof(name));
        _typesByName[name] = type;
        _namesByType[type] = name;
        return this;
    }

    /// <summary>
    /// Rewrites events stored as <paramref name="storedName"/> when they are read, optionally
    /// renaming them to <paramref name="toName"/>. Upcasters chain: the result may be upcast again.
    /// </summary>
    public EventTypeRegistry Upcast(string storedName, Func<JsonObject, JsonObject> upcaster, string? toName = null)
    {
        if (string.IsNullOrWhiteSpace(storedName))
            throw new ArgumentException("The stored event name to upcast is empty.", nameof(storedName));
        ArgumentNullException.ThrowIfNull(upcaster);
        if (!_upcasters.TryAdd(storedName, (upcaster, toName ?? storedName)))
            throw new ArgumentException($"An upcaster for '{storedName}' is already registered.", nameof(storedName));
        return this;
    }

    public string NameOf(Type type) =>
        _namesByType.TryGetValue(type, out var name)
            ? name
            : throw new EventStoreException($"Event type {type.FullName} is not registered; call EventTypeRegistry.Register<{type.Name}>(\"stable-name\") at start-up.");

    /// <summary>The name <paramref name="type"/> is registered under; null when it is not.</summary>
    public string? TryNameOf(Type type) => _namesByType.GetValueOrDefault(type);

    public Type TypeOf(string name) =>
        _typesByName.TryGetValue(name, out var type)
            ? type
            : throw new EventStoreException($"No event type is registered under the name '{name}'.");

    public bool IsRegistered(string name) => _typesByName.ContainsKey(name);

    /// <summary>Every stored name an upcaster rewrites, with the registered type its chain of upcasters ends at.</summary>
    public IEnumerable<(string StoredName, Type Type)> Upcasts =>
        _upcasters.Keys.Where(name => !_typesByName.ContainsKey(name))
            .Select(name => (name, ResolveType(FinalName(name))))
            .Where(u => u.Item2 is not null)
            .Select(u => (u.name, u.Item2!));

    private string FinalName(string storedName)
    {
        var name = storedName;
        for (var step = 0; step < MaxUpcastChain && _upcasters.TryGetValue(name, out var upcaster) && upcaster.ToName != name; step++)
            name = upcaster.ToName;
        return name;
    }

    /// <summary>Every registered name and its type.</summary>
    public IEnumerable<(string Name, Type Type)> Registered => _typesByName.Select(p => (p.Key, p.Value));

    internal string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), JsonOptions);

    /// <summary>
    /// Turns stored JSON into an event: upcast while an upcaster exists for the name, then deserialize
    /// into the registered type. Unregistered names come back as a JsonElement with their stored name.
    /// </summary>
    internal (string Name, object Data) Deserialize(string storedName, string json)
    {
        var name = storedName;
        if (_upcasters.ContainsKey(name))
        {
            var node = JsonNode.Parse(json) as JsonObject
                ?? throw new EventStoreException($"Stored event '{storedName}' is not a JSON object and cannot be upcast.");
            for (var step = 0; _upcasters.TryGetValue(name, out var upcaster); step++)
            {
                if (step == MaxUpcastChain)
                    throw new EventStoreException($"Upcasting '{storedName}' did not end after {MaxUpcastChain} steps; the upcasters form a cycle.");
                try { node = upcaster.Upcast(node); }
                catch (Exception e) when (e is not EventStoreException)
                {
                    throw new EventStoreException($"The upcaster for stored event '{name}' failed: {e.Message}", e);
                }
                if (upcaster.ToName == name) break;
                name = upcaster.ToName;
            }
            return (name, ToObject(name, node.Deserialize(ResolveType(name) ?? typeof(JsonElement), JsonOptions)));
        }

        var type = ResolveType(name);
        if (type is null)
        {
            using var doc = JsonDocument.Parse(json);
            return (name, doc.RootElement.Clone());
        }
        try
        {
            return (name, ToObject(name, JsonSerializer.Deserialize(json, type, JsonOptions)));
        }
        catch (JsonException e)
        {
            throw new EventStoreException($"Stored event '{name}' does not fit {type.FullName}: {e.Message} Register an upcaster for its old shape.", e);
        }
    }

    private Type? ResolveType(string name) => _typesByName.GetValueOrDefault(name);

    private static object ToObject(string name, object? value) =>
        value ?? throw new EventStoreException($"Stored event '{name}' deserialized to null.");
}
