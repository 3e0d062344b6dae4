using System.Runtime.InteropServices;
using Monitor.SentimentModel.Domains;

namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// The domain section of a model file (format 4): the domains' names, the domain table (16-bit, the
/// main table's scale), biases and scales per domain, the mixing rule and threshold, then the domain
/// classifier's table, scale and biases.
/// </summary>
internal static class DomainFile
{
    public static void Write(DomainAdaptation domains, BinaryWriter writer)
    {
        domains.Validate();
        writer.Write(domains.Count);
        foreach (var name in domains.Names) writer.Write(name);
        writer.Write(domains.HashBits);
        writer.Write(MemoryMarshal.AsBytes(domains.Weights.AsSpan()));
        foreach (var b in domains.Biases) writer.Write(b);
        foreach (var s in domains.Scales) writer.Write(s);
        writer.Write((int)domains.Mixing);
        writer.Write(domains.Threshold);
        var classifier = domains.Classifier;
        writer.Write(classifier.HashBits);
        writer.Write(classifier.Scale);
        writer.Write(MemoryMarshal.AsBytes(classifier.Weights.AsSpan()));
        foreach (var b in classifier.Biases) writer.Write(b);
    }

    public static DomainAdaptation Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count is < 1 or > DomainAdaptation.MaxDomains)
            throw new InvalidDataException($"Sentiment model file has {count} domains; expected 1..{DomainAdaptation.MaxDomains}.");
        var names = new string[count];
        for (var d = 0; d < count; d++) names[d] = reader.ReadString();
        var hashBits = Bits(reader.ReadInt32(), "domain table");
        var weights = Shorts(reader, (1 << hashBits) * count);
        var biases = Floats(reader, count);
        var scales = Floats(reader, count);
        var mixing = (DomainMixing)reader.ReadInt32();
        var threshold = reader.ReadSingle();
        var classifierBits = Bits(reader.ReadInt32(), "domain classifier");
        var classifierScale = reader.ReadSingle();
        var classifierWeights = Shorts(reader, (1 << classifierBits) * count);
        var classifier = new DomainClassifierWeights(classifierBits, classifierScale, classifierWeights, Floats(reader, count));
        var domains = new DomainAdaptation(names, hashBits, weights, biases, scales, classifier, mixing, threshold);
        domains.Validate();
        return domains;
    }

    private static int Bits(int bits, string what) => bits is >= 8 and <= 24
        ? bits
        : throw new InvalidDataException($"Sentiment model file's {what} has {bits} hash bits; expected 8..24.");

    private static short[] Shorts(BinaryReader reader, int count)
    {
        var bytes = reader.ReadBytes(count * sizeof(short));
        if (bytes.Length != count * sizeof(short)) throw new EndOfStreamException();
        var values = new short[count];
        for (var i = 0; i < count; i++) values[i] = (short)(bytes[2 * i] | (bytes[2 * i + 1] << 8));
        return values;
    }

    private static float[] Floats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = reader.ReadSingle();
        return values;
    }
}
