namespace Monitor.TextAnalysis;

/// <summary>The kinds of entity a subject's gazetteer may hold.</summary>
public static class EntityTypes
{
    public const string Brand = "brand";
    public const string Product = "product";
    public const string Person = "person";
    public const string Competitor = "competitor";

    public static readonly IReadOnlyList<string> All = [Brand, Product, Person, Competitor];
}
