using Monitor.Hosting;
using Monitor.TextAnalysis;

namespace Monitor.Extraction.Extract;

public static class ExtractionHosting
{
    /// <summary>The content extractor, with the subject's gazetteer from MONITOR_SUBJECT or the built-in SU7 subject.</summary>
    public static WebApplicationBuilder AddContentExtraction(this WebApplicationBuilder builder)
    {
        var settings = builder.GetMonitorSettings();
        builder.Services.AddSingleton(_ => settings.SubjectPath is { } path
            ? ContentExtractor.Create(Gazetteer.Load(path))
            : ContentExtractor.CreateDefault());
        builder.Services.AddSingleton<ExtractContent>();
        return builder;
    }
}
