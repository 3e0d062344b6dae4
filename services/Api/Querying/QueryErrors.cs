namespace Monitor.Api.Querying;

/// <summary>Problems found in a request's parameters, by parameter name; answered as a 400 validation problem.</summary>
internal sealed class QueryErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string problem)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(problem);
    }

    public IResult ToResult() => Results.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: "The request's parameters are not valid: " + string.Join("; ", _errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
}
