using System.Runtime.InteropServices;
using Monitor.SentimentModel.Ensemble;

namespace Monitor.SentimentModel.Scoring;

/// <summary>The ensemble section of a model file: the embedding bag's layers, then the stacker's weights per language.</summary>
internal static class EnsembleFile
{
    public static void Write(EnsembleWeights ensemble, BinaryWriter writer)
    {
        var bag = ensemble.Bag;
        bag.Validate();
        ensemble.Stacker.Validate();
        writer.Write(bag.HashBits);
        writer.Write(EmbeddingBag.Dimensions);
        writer.Write(bag.Hidden);
        writer.Write(bag.Scale);
        writer.Write(MemoryMarshal.AsBytes(bag.Embeddings.AsSpan()));
        Floats(writer, bag.HiddenWeights);
        Floats(writer, bag.HiddenBias);
        Floats(writer, bag.OutputWeights);
        writer.Write(bag.OutputBias);
        foreach (var w in ensemble.Stacker.Chinese) writer.Write(w);
        foreach (var w in ensemble.Stacker.English) writer.Write(w);
    }

    public static EnsembleWeights Read(BinaryReader reader)
    {
        var hashBits = reader.ReadInt32();
        if (hashBits is < 8 or > 24)
            throw new InvalidDataException($"Sentiment model file's embedding bag has {hashBits} hash bits; expected 8..24.");
        var dimensions = reader.ReadInt32();
        if (dimensions != EmbeddingBag.Dimensions)
            throw new InvalidDataException($"Sentiment model file's embedding bag has {dimensions} dimensions; expected {EmbeddingBag.Dimensions}.");
        var hidden = reader.ReadInt32();
        if (hidden is < 1 or > 256)
            throw new InvalidDataException($"Sentiment model file's embedding bag has {hidden} hidden units; expected 1..256.");
        var scale = reader.ReadSingle();
        var count = (1 << hashBits) * dimensions;
        var bytes = reader.ReadBytes(count);
        if (bytes.Length != count) throw new EndOfStreamException();
        var embeddings = new sbyte[count];
        bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(embeddings.AsSpan()));
        var bag = new EmbeddingBag(hashBits, scale, embeddings, hidden,
            Floats(reader, hidden * dimensions), Floats(reader, hidden), Floats(reader, hidden), reader.ReadSingle());
        var stacker = new Stacker(Doubles(reader, StackerInputs.Count), Doubles(reader, StackerInputs.Count));
        bag.Validate();
        return new EnsembleWeights(bag, stacker);
    }

    private static void Floats(BinaryWriter writer, float[] values)
    {
        foreach (var v in values) writer.Write(v);
    }

    private static float[] Floats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = reader.ReadSingle();
        return values;
    }

    private static double[] Doubles(BinaryReader reader, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = reader.ReadDouble();
        return values;
    }
}
