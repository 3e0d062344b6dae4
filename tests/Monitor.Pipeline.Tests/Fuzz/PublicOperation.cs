using System.Text.Json;

namespace Monitor.Pipeline.Tests.Fuzz;

/// <summary>One operation a service's OpenAPI document describes: method, path template, parameters and body schema.</summary>
public sealed record PublicOperation(string Service, string Method, string Path, IReadOnlyList<OperationParameter> Parameters, JsonElement? BodySchema)
{
    public override string ToString() => $"{Service}: {Method} {Path}";

    /// <summary>Every operation of an OpenAPI document (3.x), its schema references left for <see cref="SchemaValues"/> to resolve.</summary>
    public static IReadOnlyList<PublicOperation> Read(string service, JsonElement document)
    {
        var operations = new List<PublicOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is not ("get" or "post" or "put" or "delete" or "patch")) continue;
                var parameters = new List<OperationParameter>();
                if (operation.Value.TryGetProperty("parameters", out var list))
                    foreach (var p in list.EnumerateArray())
                        parameters.Add(new OperationParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                            p.TryGetProperty("schema", out var schema) ? schema : null));
                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.TryGetProperty("content", out var content)
                    && content.EnumerateObject().FirstOrDefault(c => c.Name.Contains("json")) is { Value.ValueKind: JsonValueKind.Object } json
                    && json.Value.TryGetProperty("schema", out var bodySchema)
                        ? bodySchema
                        : null;
                operations.Add(new PublicOperation(service, operation.Name.ToUpperInvariant(), path.Name, parameters, body));
            }
        }
        return operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToArray();
    }
}

/// <summary>A path, query or header parameter and its schema.</summary>
public sealed record OperationParameter(string Name, string In, JsonElement? Schema);
