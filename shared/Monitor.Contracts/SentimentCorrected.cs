namespace Monitor.Contracts;

/// <summary>
/// A person's correction of a coverage item's sentiment label, appended to the item's stream. From then on
/// the corrected label is the item's label wherever Monitor counts or lists it; a later score or rescore
/// changes the model's label beside it but never the corrected one. The latest correction of a stream stands.
/// </summary>
/// <param name="Label">The label the person gave: "positive", "neutral" or "negative".</param>
/// <param name="PreviousLabel">The label the item had when it was corrected (the model's, or an earlier correction's).</param>
/// <param name="ModelLabel">The label the model gave, as it stood at the correction.</param>
/// <param name="ModelVersion">The model version behind <paramref name="ModelLabel"/>.</param>
/// <param name="By">Who corrected it: the owner of the API key used.</param>
/// <param name="Role">The key's role (admin or analyst).</param>
/// <param name="At">When the correction was made.</param>
/// <param name="Note">Why, in the person's words; at most <see cref="MaxNoteLength"/> characters.</param>
public sealed record SentimentCorrected(
    Guid CoverageId,
    string Label,
    string PreviousLabel,
    string ModelLabel,
    string ModelVersion,
    string By,
    string Role,
    DateTimeOffset At,
    string? Note = null)
{
    public const int MaxNoteLength = 500;
}
