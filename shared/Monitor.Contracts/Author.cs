namespace Monitor.Contracts;

/// <summary>Who published a coverage item, as the source names them.</summary>
/// <param name="Id">The author's id at the source (Weibo uid, Douyin uid, ...); the outlet's host for news.</param>
/// <param name="Name">Screen name, nickname or outlet name.</param>
/// <param name="Followers">Follower count when the source tells it.</param>
/// <param name="Verified">Whether the source marks the account as verified.</param>
public sealed record Author(string Id, string Name, long? Followers = null, bool Verified = false);
