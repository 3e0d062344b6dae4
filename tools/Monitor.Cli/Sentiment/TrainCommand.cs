using System.CommandLine;
using System.Globalization;
using Monitor.Cli.Sentiment.Correct;
using Monitor.SentimentModel;
using Monitor.SentimentModel.Features;
using Monitor.SentimentModel.Scoring;
using Monitor.SentimentModel.Training;
using Spectre.Console;

namespace Monitor.Cli.Sentiment;

/// <summary>./monitor sentiment train --data DIR [--out FILE]: trains, prints held-out figures, writes the model and its card.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder of labelled sets, one sub-folder per set (e.g. ../shared/datasets).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model (default models/sentiment.bin; MODEL_CARD.md beside it is updated)." };
        var su7Dev = new Option<FileInfo>("--su7-dev") { Description = "Authored 3-class set that calibrates the neutral band (default samples/su7/sentiment/dev.tsv)." };
        var su7Test = new Option<FileInfo>("--su7-test") { Description = "Authored 3-class set reported, never tuned on (default samples/su7/sentiment/test.tsv)." };
        var su7Train = new Option<FileInfo>("--su7-train") { Description = "Authored 3-class sentences trained on (default samples/su7/sentiment/train.tsv)." };
        var twoClass = new Option<bool>("--two-class") { Description = "Train the two-class model with a neutral band on the logit instead of the three-class subjectivity part." };
        var subjectivityBits = new Option<int?>("--subjectivity-bits") { Description = "Override the subjectivity part's hash bits (buckets = 2^bits)." };
        var subjectivityTwoClass = new Option<double?>("--subjectivity-two-class-weight") { Description = "Weight of two-class rows as judging texts in the subjectivity part (default 0: they train the polarity only)." };
        var subjectivityNb = new Option<bool>("--subjectivity-nb") { Description = "Scale the subjectivity part's features by their naive-Bayes ratio too (default: plain logistic regression)." };
        var subsample = new Option<int>("--subsample") { Description = "Train on every n-th row only (quick experiments).", DefaultValueFactory = _ => 1 };
        var epochs = new Option<int?>("--epochs") { Description = "Override the number of epochs." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Override the AdaGrad learning rate." };
        var l2 = new Option<double?>("--l2") { Description = "Override the L2 penalty." };
        var folds = new Option<int?>("--folds") { Description = "Cross-validate instead of training: K folds over the train and dev rows, accuracy per set; no model is written." };
        var seed = new Option<int?>("--seed") { Description = "Override the seed of the training shuffle (and of feature dropout)." };
        var dropout = new Option<double?>("--dropout") { Description = "Drop each feature of a training row with this probability on each pass, in [0, 1) (feature noising)." };
        var cjkGrams = new Option<int?>("--cjk-grams") { Description = "Override the longest CJK character n-gram." };
        var hashBits = new Option<int?>("--hash-bits") { Description = "Override the number of hash bits (buckets = 2^bits)." };
        var lexicons = new Option<DirectoryInfo>("--lexicons") { Description = "Sentiment lexicons read as extra training words (default: 'lexicons' beside the data folder)." };
        var lexiconWeight = new Option<double?>("--lexicon-weight") { Description = "Override the weight of each lexicon word (0 = no lexicons)." };
        var nbBeta = new Option<double?>("--nb-beta") { Description = "Override the NB-LR interpolation β in [0, 1] (1 = regression weights alone)." };
        var nbAlpha = new Option<double?>("--nb-alpha") { Description = "Override the smoothing of the naive-Bayes counts." };
        var setWeights = new Option<string[]>("--set-weight") { Description = "Weight of a set's training rows, as SET=WEIGHT (repeatable; replaces the default set weights).", AllowMultipleArgumentsPerToken = false };
        var noNaiveBayes = new Option<bool>("--no-nb-scaling") { Description = "Train plain logistic regression without naive-Bayes feature scaling." };
        var phrasePower = new Option<double?>("--phrase-length-power") { Description = "Weigh each SST-2 phrase by (min(words, 20) / 8)^power (0 = all the same)." };
        var chineseWords = new Option<bool>("--chinese-words") { Description = "Add Chinese word features (dictionary segmentation: word bigrams and words of 4+ characters)." };
        var linksAndHandles = new Option<bool>("--no-links-and-handles") { Description = "Read web addresses and Latin @handles character by character, as models before su7-sent-2026.12.2 did (default: each is one feature)." };
        var languageBias = new Option<bool>("--language-bias") { Description = "Add a feature on English texts, so English gets a bias of its own." };
        var contrast = new Option<bool>("--contrast-emphasis") { Description = "Count English words after \"but\" / \"however\" twice, to the end of the sentence." };
        var lengthPower = new Option<double?>("--length-power") { Description = "N-gram values are count / occurrences^power, in [0, 1] (default 0.5: a square root)." };
        var ensemble = new Option<bool>("--ensemble") { Description = "Also train the embedding bag and fit the stacker on dev (the shipped model is the linear model alone)." };
        var embeddingBits = new Option<int?>("--embedding-bits") { Description = "With --ensemble: override the embedding bag's hash bits (vectors = 2^bits)." };
        var hidden = new Option<int?>("--hidden") { Description = "With --ensemble: override the embedding bag's hidden units." };
        var embeddingEpochs = new Option<int?>("--embedding-epochs") { Description = "With --ensemble: override the embedding bag's epochs." };
        var embeddingRate = new Option<double?>("--embedding-rate") { Description = "With --ensemble: override the embedding bag's starting SGD step." };
        var embeddingInit = new Option<double?>("--embedding-init") { Description = "With --ensemble: override the range of the embedding bag's initial vectors." };
        var corrections = new Option<bool>("--corrections") { Description = "Also train on the labels staff corrected in Monitor (MONITOR_POSTGRES, MONITOR_EVENTSTORE_SCHEMA): the latest per item, weighted as the set 'staff corrections'." };
        var domainArguments = new DomainArguments();
        var command = new Command("train", "Train the sentiment model from labelled sets.")
        {
            data, output, su7Dev, su7Test, su7Train, twoClass, subjectivityBits, subjectivityTwoClass, subjectivityNb, subsample, epochs, learningRate, l2, seed, dropout, folds, cjkGrams, hashBits, noNaiveBayes, nbBeta, nbAlpha, setWeights, lexicons, lexiconWeight,
            chineseWords, linksAndHandles, languageBias, contrast, lengthPower, ensemble, phrasePower, embeddingBits, hidden, embeddingEpochs, embeddingRate, embeddingInit,
            corrections,
        };
        foreach (var option in domainArguments.All) command.Options.Add(option);
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var options = new TrainingOptions { Subsample = Math.Max(1, parse.GetValue(subsample)) };
            if (parse.GetValue(epochs) is { } e) options = options with { Epochs = e };
            if (parse.GetValue(learningRate) is { } rate) options = options with { LearningRate = rate };
            if (parse.GetValue(l2) is { } penalty) options = options with { L2 = penalty };
            if (parse.GetValue(seed) is { } s) options = options with { Seed = s };
            if (parse.GetValue(dropout) is { } p)
            {
                if (p is < 0 or >= 1) throw new ArgumentOutOfRangeException("--dropout", p, "the dropout probability must be in [0, 1).");
                options = options with { FeatureDropout = p };
            }
            if (parse.GetValue(cjkGrams) is { } grams) options = options with { MaxCjkGram = grams };
            if (parse.GetValue(hashBits) is { } bits) options = options with { HashBits = bits };
            if (parse.GetValue(noNaiveBayes)) options = options with { NaiveBayesScaling = false };
            if (parse.GetValue(nbBeta) is { } beta)
            {
                if (beta is < 0 or > 1) throw new ArgumentOutOfRangeException("--nb-beta", beta, "β must be between 0 and 1.");
                options = options with { NaiveBayesInterpolation = beta };
            }
            if (parse.GetValue(nbAlpha) is { } alpha)
            {
                if (alpha <= 0) throw new ArgumentOutOfRangeException("--nb-alpha", alpha, "the naive-Bayes smoothing must be positive.");
                options = options with { NaiveBayesAlpha = alpha };
            }
            if (parse.GetValue(setWeights) is { Length: > 0 } pairs)
                options = options with { SetWeights = ParseSetWeights(pairs) };
            if (parse.GetValue(lexiconWeight) is { } lw) options = options with { LexiconWeight = lw };
            if (parse.GetValue(chineseWords)) options = options with { Features = options.Features | FeatureSet.ChineseWords };
            if (parse.GetValue(linksAndHandles)) options = options with { Features = options.Features & ~FeatureSet.LinksAndHandles };
            if (parse.GetValue(languageBias)) options = options with { Features = options.Features | FeatureSet.LanguageBias };
            if (parse.GetValue(contrast)) options = options with { Features = options.Features | FeatureSet.ContrastEmphasis };
            if (parse.GetValue(lengthPower) is { } lp)
            {
                if (lp is < 0 or > 1) throw new ArgumentOutOfRangeException("--length-power", lp, "the n-gram length power must be between 0 and 1.");
                options = options with { LengthPower = lp };
            }
            if (parse.GetValue(twoClass)) options = options with { ThreeClass = false };
            if (parse.GetValue(subjectivityNb)) options = options with { SubjectivityNaiveBayesScaling = true };
            if (parse.GetValue(subjectivityBits) is { } sb)
            {
                if (sb is < 10 or > 24) throw new ArgumentOutOfRangeException("--subjectivity-bits", sb, "the subjectivity part takes 10..24 hash bits.");
                options = options with { SubjectivityHashBits = sb };
            }
            if (parse.GetValue(subjectivityTwoClass) is { } stw)
            {
                if (stw < 0) throw new ArgumentOutOfRangeException("--subjectivity-two-class-weight", stw, "the weight cannot be negative.");
                options = options with { SubjectivityTwoClassWeight = stw };
            }
            if (parse.GetValue(phrasePower) is { } power) options = options with { PhraseLengthPower = power };
            if (!parse.GetValue(ensemble) && new Option[] { embeddingBits, hidden, embeddingEpochs, embeddingRate, embeddingInit }.FirstOrDefault(o => parse.GetResult(o) is not null) is { } stray)
                throw new ArgumentException($"{stray.Name} sets up the embedding bag; add --ensemble to train one.");
            options = options with { Embedding = parse.GetValue(ensemble) ? EmbeddingOptions(parse, embeddingBits, hidden, embeddingEpochs, embeddingRate, embeddingInit) : null };
            options = options with { Domains = domainArguments.Parse(parse) };
            if (options.Embedding is not null && options.Domains is not null)
                throw new ArgumentException("--ensemble and --domains cannot be combined; choose one.");
            var outPath = parse.GetValue(output)?.FullName ?? RepositoryPaths.Combine("models", SentimentClassifier.DefaultModelFileName);
            var devPath = parse.GetValue(su7Dev)?.FullName ?? RepositoryPaths.Combine("samples", "su7", "sentiment", "dev.tsv");
            var testPath = parse.GetValue(su7Test)?.FullName ?? RepositoryPaths.Combine("samples", "su7", "sentiment", "test.tsv");
            var trainPath = parse.GetValue(su7Train)?.FullName ?? RepositoryPaths.Combine("samples", "su7", "sentiment", "train.tsv");

            var trainer = new ModelTrainer(options, line => Console.Error.WriteLine(line));
            var dataPath = parse.GetValue(data)!.FullName;
            var lexiconPath = parse.GetValue(lexicons)?.FullName
                ?? Path.Combine(Path.GetDirectoryName(dataPath.TrimEnd(Path.DirectorySeparatorChar)) ?? dataPath, "lexicons");
            if (parse.GetValue(folds) is { } k)
            {
                PrintCrossValidation(trainer.CrossValidate(dataPath, k, lexiconPath), k);
                return;
            }
            CorrectionRows? stored = null;
            if (parse.GetValue(corrections))
            {
                stored = StoredCorrections.ReadFromEnvironment();
                Console.Error.WriteLine($"corrections: {stored.Rows.Count} training rows from {stored.Corrections} corrections of {stored.Items} items");
            }
            var (model, report) = trainer.Train(dataPath, devPath, testPath, lexiconPath, trainPath, stored?.Rows);
            ModelFile.Save(model, outPath);
            var card = Path.Combine(Path.GetDirectoryName(outPath)!, "MODEL_CARD.md");
            ModelCard.UpdateFigures(card, report, options);
            Print(report);
            Console.WriteLine($"model: {outPath} ({new FileInfo(outPath).Length / 1024:N0} KiB), card: {card}, trained in {report.Elapsed.TotalSeconds:F0}s");
        }));
        return command;
    }

    private static EmbeddingOptions EmbeddingOptions(ParseResult parse, Option<int?> bits, Option<int?> hidden, Option<int?> epochs, Option<double?> rate, Option<double?> init)
    {
        var options = new EmbeddingOptions();
        if (parse.GetValue(bits) is { } b)
        {
            if (b is < 8 or > 24) throw new ArgumentOutOfRangeException("--embedding-bits", b, "the embedding bag takes 8..24 hash bits.");
            options = options with { HashBits = b };
        }
        if (parse.GetValue(hidden) is { } h)
        {
            if (h is < 1 or > 256) throw new ArgumentOutOfRangeException("--hidden", h, "the embedding bag takes 1..256 hidden units.");
            options = options with { Hidden = h };
        }
        if (parse.GetValue(epochs) is { } e) options = options with { Epochs = Math.Max(1, e) };
        if (parse.GetValue(rate) is { } r)
        {
            if (r <= 0) throw new ArgumentOutOfRangeException("--embedding-rate", r, "the SGD step must be positive.");
            options = options with { LearningRate = r };
        }
        if (parse.GetValue(init) is { } i) options = options with { InitialRange = i };
        return options;
    }

    private static Dictionary<string, double> ParseSetWeights(string[] pairs)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.LastIndexOf('=');
            if (at <= 0 || !double.TryParse(pair[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight <= 0)
                throw new FormatException($"--set-weight '{pair}' is not SET=WEIGHT with a positive weight (e.g. weibo_senti_100k_subset=4).");
            weights[pair[..at]] = weight;
        }
        return weights;
    }

    private static void PrintCrossValidation(IReadOnlyList<CrossValidatedSet> sets, int folds)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("set", "rows", $"accuracy ({folds} folds)");
        foreach (var s in sets) table.AddRow(s.Set, s.Rows.ToString("N0", c), s.Accuracy.ToString("F4", c));
        AnsiConsole.Write(table);
        Console.WriteLine($"cross-validated over {folds} folds of the train and dev rows; no model written");
    }

    private static void Print(TrainingReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("set", "train", "dev", "test", "dev acc", "test acc", "test macro-F1", "test cal. error");
        foreach (var f in report.Sets)
            table.AddRow(f.Set, f.Train.ToString("N0", c), f.Dev.ToString("N0", c), f.Test.ToString("N0", c),
                F(f.DevAccuracy), F(f.TestAccuracy), F(f.TestMacroF1), F(f.TestCalibrationError));
        if (report.Su7Dev is { } dev) table.AddRow("SU7 dev (3-class)", "", dev.Total.ToString(c), "", F(dev.Accuracy), "", "", "");
        if (report.Su7Test is { } test) table.AddRow("SU7 test (3-class)", "", "", test.Total.ToString(c), "", F(test.Accuracy), F(test.MacroF1), F(report.Su7TestCalibrationError ?? double.NaN));
        AnsiConsole.Write(table);
        Console.WriteLine(report.SubjectivityOffset is { } offset
            ? $"neutral: the subjectivity part, its bias moved by {offset.ToString("F2", c)} on dev"
            : $"neutral band: {report.NeutralBand.Below.ToString("F3", c)} < logit < {report.NeutralBand.Above.ToString("F3", c)}");
    }

    private static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("F4", CultureInfo.InvariantCulture);
}
