using System.IO.Compression;
using System.Text;
using Monitor.SentimentModel.Features;

namespace Monitor.SentimentModel.Scoring;

/// <summary>
/// The binary model file, little-endian: a magic, a format number, the settings, the 16-bit linear
/// weights, then (format 2) whether an ensemble follows and, if so, the embedding bag and the stacker,
/// then (format 3) the optional feature families and the n-gram length power, then (format 4) whether
/// domain adaptation follows and, if so, its section (<see cref="DomainFile"/>), then (format 5) whether
/// the three-class subjectivity weights follow and, if so, their hash bits, scale, bias and 16-bit weights.
/// From format 6 everything after the format number is Deflate-compressed (most of the 16-bit weights
/// are small, so the file shrinks to about 60%); the layout inside is that of format 5.
/// Files of formats 1 to 5 still load (with no optional features before format 3, no domains before
/// format 4, a neutral band instead of subjectivity weights before format 5, uncompressed before format 6).
/// </summary>
public static class ModelFile
{
    private static readonly byte[] Magic = "MONSENT\0"u8.ToArray();
    private const int FormatVersion = 6;

    public static void Save(ModelWeights model, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        using var stream = File.Create(path);
        Write(model, stream);
    }

    public static void Write(ModelWeights model, Stream stream) => Write(model, stream, FormatVersion);

    /// <summary>The uncompressed layout of format 5 (what older readers and tests that patch single fields need).</summary>
    internal static void WriteUncompressed(ModelWeights model, Stream stream) => Write(model, stream, 5);

    private static void Write(ModelWeights model, Stream stream, int format)
    {
        if (model.Weights.Length != 1 << model.HashBits)
            throw new ArgumentException($"The model has {model.Weights.Length} weights but {model.HashBits} hash bits need {1 << model.HashBits}.");
        using (var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            header.Write(Magic);
            header.Write(format);
        }
        using var compressed = format >= 6 ? new DeflateStream(stream, CompressionLevel.SmallestSize, leaveOpen: true) : null;
        using var writer = new BinaryWriter(compressed ?? stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(model.Version);
        writer.Write(model.HashBits);
        writer.Write(model.MaxCjkGram);
        writer.Write(model.Scale);
        writer.Write(model.Bias);
        writer.Write(model.NeutralBelow);
        writer.Write(model.NeutralAbove);
        writer.Write(model.Weights.Length);
        foreach (var w in model.Weights) writer.Write(w);
        writer.Write(model.Ensemble is not null);
        if (model.Ensemble is { } ensemble) EnsembleFile.Write(ensemble, writer);
        writer.Write((int)model.Features);
        writer.Write(model.LengthPower);
        writer.Write(model.Domains is not null);
        if (model.Domains is { } domains) DomainFile.Write(domains, writer);
        writer.Write(model.Subjectivity is not null);
        if (model.Subjectivity is { } subjectivity) WriteSubjectivity(subjectivity, writer);
    }

    private static void WriteSubjectivity(SubjectivityWeights subjectivity, BinaryWriter writer)
    {
        if (subjectivity.Weights.Length != 1 << subjectivity.HashBits)
            throw new ArgumentException($"The subjectivity part has {subjectivity.Weights.Length} weights but {subjectivity.HashBits} hash bits need {1 << subjectivity.HashBits}.");
        writer.Write(subjectivity.HashBits);
        writer.Write(subjectivity.Scale);
        writer.Write(subjectivity.Bias);
        foreach (var w in subjectivity.Weights) writer.Write(w);
    }

    private static SubjectivityWeights ReadSubjectivity(BinaryReader reader)
    {
        var hashBits = reader.ReadInt32();
        if (hashBits is < 10 or > 24)
            throw new InvalidDataException($"Sentiment model file has {hashBits} subjectivity hash bits; expected 10..24.");
        var scale = reader.ReadSingle();
        var bias = reader.ReadSingle();
        return new SubjectivityWeights(hashBits, scale, bias, ReadWeights(reader, 1 << hashBits));
    }

    private static short[] ReadWeights(BinaryReader reader, int count)
    {
        var weights = new short[count];
        var bytes = reader.ReadBytes(count * sizeof(short));
        if (bytes.Length != count * sizeof(short)) throw new EndOfStreamException();
        for (var i = 0; i < count; i++) weights[i] = (short)(bytes[2 * i] | (bytes[2 * i + 1] << 8));
        return weights;
    }

    public static ModelWeights Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No sentiment model file at '{path}'.", path);
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"The sentiment model file '{path}' is truncated.");
        }
    }

    public static ModelWeights Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var magic = reader.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException("Not a Monitor sentiment model file (wrong magic bytes).");
        var format = reader.ReadInt32();
        if (format is < 1 or > FormatVersion)
            throw new InvalidDataException($"Sentiment model file format {format} is not supported (expected 1 to {FormatVersion}).");
        if (format < 6) return ReadBody(reader, format);
        using var decompressed = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var body = new BinaryReader(decompressed, Encoding.UTF8, leaveOpen: true);
        return ReadBody(body, format);
    }

    private static ModelWeights ReadBody(BinaryReader reader, int format)
    {
        var version = reader.ReadString();
        var hashBits = reader.ReadInt32();
        if (hashBits is < 10 or > 24)
            throw new InvalidDataException($"Sentiment model file has {hashBits} hash bits; expected 10..24.");
        var maxGram = reader.ReadInt32();
        var scale = reader.ReadSingle();
        var bias = reader.ReadSingle();
        var below = reader.ReadSingle();
        var above = reader.ReadSingle();
        var count = reader.ReadInt32();
        if (count != 1 << hashBits)
            throw new InvalidDataException($"Sentiment model file holds {count} weights; {hashBits} hash bits need {1 << hashBits}.");
        var weights = ReadWeights(reader, count);
        var ensemble = format >= 2 && reader.ReadBoolean() ? EnsembleFile.Read(reader) : null;
        var features = format >= 3 ? (FeatureSet)reader.ReadInt32() : FeatureSet.None;
        if ((features & ~(FeatureSet.ChineseWords | FeatureSet.LanguageBias | FeatureSet.ContrastEmphasis | FeatureSet.LinksAndHandles)) != 0)
            throw new InvalidDataException($"Sentiment model file asks for unknown feature families ({(int)features}).");
        var lengthPower = format >= 3 ? reader.ReadSingle() : ModelWeights.DefaultLengthPower;
        if (!(lengthPower is >= 0 and <= 1))
            throw new InvalidDataException($"Sentiment model file has a length power of {lengthPower}; expected 0..1.");
        var domains = format >= 4 && reader.ReadBoolean() ? DomainFile.Read(reader) : null;
        var subjectivity = format >= 5 && reader.ReadBoolean() ? ReadSubjectivity(reader) : null;
        return new ModelWeights(version, hashBits, maxGram, scale, bias, below, above, weights)
        {
            Ensemble = ensemble,
            Features = features,
            LengthPower = lengthPower,
            Domains = domains,
            Subjectivity = subjectivity,
        };
    }
}
