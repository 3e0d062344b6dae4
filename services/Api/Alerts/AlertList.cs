using Monitor.Api.Querying;

namespace Monitor.Api.Alerts;

/// <summary>A page of alerts, as <see cref="Paged{T}"/> with the log position the list is current to.</summary>
/// <param name="Position">
/// The alerts read model's checkpoint, read before the list: the list holds at least every alert event up to it.
/// Give it to <c>GET /api/alerts/stream?after=</c> to be sent everything later, with no gap.
/// </param>
public sealed record AlertList(IReadOnlyList<AlertView> Items, int Page, int PageSize, long Total, string Position);
