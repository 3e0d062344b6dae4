using Monitor.Hosting;
using Monitor.SentimentModel;

namespace Monitor.Sentiment.Score;

public static class SentimentHosting
{
    /// <summary>The sentiment model from MONITOR_SENTIMENT_MODEL, or the shipped model; loaded once at start.</summary>
    public static WebApplicationBuilder AddSentimentScoring(this WebApplicationBuilder builder)
    {
        var settings = builder.GetMonitorSettings();
        var classifier = settings.SentimentModelPath is { } path ? SentimentClassifier.Load(path) : SentimentClassifier.LoadDefault();
        builder.Services.AddSingleton(classifier);
        builder.Services.AddSingleton<ScoreSentiment>();
        return builder;
    }
}
