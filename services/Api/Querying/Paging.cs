using Monitor.Contracts;
namespace Monitor.Api.Querying;

/// <summary>
/// A page of a list: <c>page</c> is 1-based, <c>pageSize</c> 50 by default and at most 500, and a page may not
/// reach past the first <see cref="MaxItems"/> results (narrow the filters or export instead).
/// </summary>
internal sealed record Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int MaxItems = 100_000;

    public int Offset => (Page - 1) * PageSize;

    public static Paging Parse(string? page, string? pageSize, QueryErrors errors)
    {
        var p = 1;
        if (page is not null && (!int.TryParse(page, out p) || p < 1))
        {
            errors.Add("page", $"must be a whole number from 1 up, not '{InputLimits.Printable(page)}'");
            p = 1;
        }
        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, out size) || size < 1 || size > MaxPageSize))
        {
            errors.Add("pageSize", $"must be a whole number from 1 to {MaxPageSize}, not '{InputLimits.Printable(pageSize)}'");
            size = DefaultPageSize;
        }
        if ((long)p * size > MaxItems)
        {
            errors.Add("page", $"page {p} of {size} reaches past result {MaxItems}, the deepest a list pages; narrow the filters or export");
            p = 1;
        }
        return new Paging(p, size);
    }
}

/// <summary>One page of results and how many there are in all.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
