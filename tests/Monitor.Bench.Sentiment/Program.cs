using System.Diagnostics;
using System.Text;
using Monitor.Bench.Sentiment;
using Monitor.SentimentModel;
using Monitor.SentimentModel.Ensemble;
using Monitor.SentimentModel.Features;
using Monitor.SentimentModel.Scoring;
using Monitor.Testing;

// ./monitor bench sentiment [seconds-per-measurement]: scoring throughput per core on 1–2 KB mixed
// Chinese/English texts, with the feature extractor alone as the raw limit of the same machine.
var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 3.0;
var process = Process.GetCurrentProcess();

var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
var workingSetBefore = process.WorkingSet64;
var loadClock = Stopwatch.StartNew();
var classifier = SentimentClassifier.LoadDefault();
loadClock.Stop();
var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
process.Refresh();

var texts = BenchTexts.Create(2_000);
var averageBytes = texts.Average(t => Encoding.UTF8.GetByteCount(t));
var averageChars = texts.Average(t => t.Length);

var parts = ModelFile.Load(SentimentClassifier.DefaultModelPath());
Console.WriteLine($"model: {classifier.Version} ({SentimentClassifier.DefaultModelPath()}, {new FileInfo(SentimentClassifier.DefaultModelPath()).Length / 1048576.0:F1} MiB)");
Console.WriteLine(parts switch
{
    { Ensemble: { } ensemble } => $"parts: linear 2^{parts.HashBits} weights + embedding bag 2^{ensemble.Bag.HashBits} × {EmbeddingBag.Dimensions} vectors, {ensemble.Bag.Hidden} hidden units + stacker",
    { Domains: { } domains } => $"parts: linear 2^{parts.HashBits} weights + domain copies 2^{domains.HashBits} × {domains.Count} ({string.Join(", ", domains.Names)}) + domain classifier 2^{domains.Classifier.HashBits} × {domains.Count}",
    _ => $"parts: linear 2^{parts.HashBits} weights (no ensemble)",
} + (parts.Subjectivity is { } subjectivity ? $" + subjectivity 2^{subjectivity.HashBits} weights (three classes), read interleaved with the linear ones" : ""));
Console.WriteLine($"model load: {loadClock.Elapsed.TotalMilliseconds:F1} ms; managed heap +{(heapAfter - heapBefore) / 1048576.0:F1} MiB; working set {process.WorkingSet64 / 1048576.0:F1} MiB (+{(process.WorkingSet64 - workingSetBefore) / 1048576.0:F1} MiB)");
Console.WriteLine($"texts: {texts.Length:N0} distinct, {averageBytes:F0} bytes / {averageChars:F0} chars on average (UTF-8 1–2 KB), {Environment.ProcessorCount} cores visible, load average {MachineLoad.Average()}");
Console.WriteLine();

Measure("feature extraction only (raw limit)", 1, text => ExtractOnly(text));
Measure("Predict, no phrases", 1, text => classifier.Predict(text, topPhrases: 0));
Measure("Predict, top 5 phrases", 1, text => classifier.Predict(text));
if (Environment.ProcessorCount > 1)
    Measure($"Predict, top 5 phrases, {Environment.ProcessorCount} threads", Environment.ProcessorCount, text => classifier.Predict(text));

process.Refresh();
Console.WriteLine();
Console.WriteLine($"end: working set {process.WorkingSet64 / 1048576.0:F1} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB, gen0 collections {GC.CollectionCount(0)}");
return 0;

void Measure(string name, int threads, Action<string> score)
{
    // warm up: let tiered compilation settle before timing
    for (var i = 0; i < 3_000; i++) score(texts[i % texts.Length]);

    var counts = new long[threads];
    var allocated = new long[threads];
    var deadline = TimeSpan.FromSeconds(seconds);
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        long n = 0;
        var i = t * 97;
        while (clock.Elapsed < deadline)
        {
            for (var k = 0; k < 64; k++) score(texts[(i + k) % texts.Length]);
            i += 64;
            n += 64;
        }
        counts[t] = n;
        allocated[t] = GC.GetAllocatedBytesForCurrentThread() - before;
    })).ToList();
    workers.ForEach(w => w.Start());
    workers.ForEach(w => w.Join());
    clock.Stop();
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

    // Per core = texts per second of CPU time the process got: on a shared machine the wall-clock
    // rate also counts the time other processes held the cores.
    var total = counts.Sum();
    var wallRate = total / clock.Elapsed.TotalSeconds;
    var perCore = total / cpu;
    Console.WriteLine($"{name,-44} {perCore,9:N0} texts/s per core ({perCore * averageBytes / 1048576.0,5:F1} MiB/s), wall {wallRate,9:N0} texts/s on {threads} thread(s) with {cpu / clock.Elapsed.TotalSeconds,4:F2} cores busy, {allocated.Sum() / (double)total,5:F0} B allocated per text");
}

// the feature families of the loaded model, so the raw limit is the one its scoring meets
void ExtractOnly(string text)
{
    Span<char> buffer = text.Length <= 4096 ? stackalloc char[4096] : new char[text.Length];
    var normalized = buffer[..text.Length];
    TextNormalizer.Normalize(text, normalized);
    var sink = new CountingSink();
    FeatureExtractor.Extract(normalized, parts.MaxCjkGram, ref sink, parts.Features);
    if (sink.Count < 0) throw new InvalidOperationException();
}

internal struct CountingSink : IFeatureSink
{
    public int Count;
    public void Add(uint hash, int start, int length) => Count++;
    public void AddUnscaled(uint hash, int start, int length) => Count++;
}
