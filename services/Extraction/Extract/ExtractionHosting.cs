using Monitor.Hosting;
using Monitor.TextAnalysis;

namespace Monitor.Extraction.Extract;

public static class ExtractionHosting
{
    /// <summary>The content extractor, with the subject's gazetteer from MONITOR_SUBJECT or the built-in SU7 subject.</summary>
    public static WebApplicationBuilder AddContentExtraction(this WebApplicationBuilder builder)
    {
        var settings = builder.GetMonitorSettings();
        // Built now, not at the first message: a broken gazetteer file stops the service at start.
        var extractor = settings.SubjectPath is { } path
            ? ContentExtractor.Create(Gazetteer.Load(path))
            : ContentExtractor.CreateDefault();
        builder.Services.AddSingleton(extractor);
        builder.Services.AddSingleton<ExtractContent>();
        return builder;
    }
}
