namespace Monitor.Api.Querying;

/// <summary>A page of a list: <c>page</c> is 1-based, <c>pageSize</c> 50 by default and at most 500.</summary>
internal sealed record Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public int Offset => (Page - 1) * PageSize;

    public static Paging Parse(string? page, string? pageSize, QueryErrors errors)
    {
        var p = 1;
        if (page is not null && (!int.TryParse(page, out p) || p < 1))
        {
            errors.Add("page", $"must be a whole number from 1 up, not '{page}'");
            p = 1;
        }
        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, out size) || size < 1 || size > MaxPageSize))
        {
            errors.Add("pageSize", $"must be a whole number from 1 to {MaxPageSize}, not '{pageSize}'");
            size = DefaultPageSize;
        }
        return new Paging(p, size);
    }
}

/// <summary>One page of results and how many there are in all.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
