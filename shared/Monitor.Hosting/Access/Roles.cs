namespace Monitor.Hosting.Access;

/// <summary>admin: everything; analyst: own subscriptions, reads everything; viewer: reads.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Analyst, Viewer];
}
