using Monitor.Api.Querying;

namespace Monitor.Api.Alerts;

/// <summary>
/// A page of alerts, as <see cref="Paged{T}"/> with the log position the list is current to and the open count.
/// All of it is read in one snapshot, so the items, <paramref name="Total"/>, <paramref name="Open"/> and
/// <paramref name="Position"/> describe the same moment.
/// </summary>
/// <param name="Position">
/// The alerts read model's checkpoint: the list holds exactly the alert events up to it.
/// Give it to <c>GET /api/alerts/stream?after=</c> to be sent everything later, with no gap and nothing twice.
/// </param>
/// <param name="Open">How many alerts are not acknowledged, of all alerts: the list's filters do not narrow it.</param>
public sealed record AlertList(IReadOnlyList<AlertView> Items, int Page, int PageSize, long Total, string Position, long Open);
