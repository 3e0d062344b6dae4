namespace Monitor.EventStore;

public enum AppendStatus
{
    /// <summary>The events were appended.</summary>
    Appended,

    /// <summary>Every event id was already stored in this stream: nothing changed.</summary>
    Duplicate,

    /// <summary>The stream's version did not match the expected version: nothing changed.</summary>
    Conflict,

    /// <summary>The stream is archived and takes no more events: nothing changed.</summary>
    Archived,
}
