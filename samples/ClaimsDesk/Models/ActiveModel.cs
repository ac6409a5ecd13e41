using GluonStyleText.Bundles;
using GluonStyleText.Prediction;
using GluonStyleText.Samples.ClaimsDesk.Storage;

namespace GluonStyleText.Samples.ClaimsDesk.Models;

/// <summary>
/// The model every classification uses, and the choice of it, kept in <c>active-model.json</c> in the data folder
/// so that it survives a restart. One <see cref="TextClassifier"/> serves all requests (it is thread-safe).
/// </summary>
internal sealed partial class ActiveModel : IDisposable
{
    private readonly ModelCatalog _catalog;
    private readonly string _choiceFile;
    private readonly Lock _gate = new();

    // A replaced classifier may still be serving a request, so it is disposed with the desk, not when replaced;
    // a clerk activates a handful of models in a day, not thousands.
    private readonly List<TextClassifier> _retired = [];
    private TextClassifier? _classifier;

    public ActiveModel(ModelCatalog catalog, DataFolder folder, ILogger<ActiveModel> logger)
    {
        _catalog = catalog;
        _choiceFile = Path.Combine(folder.Root, "active-model.json");
        var chosen = AtomicJson.Read<ActiveModelChoice>(_choiceFile)?.Name;
        var entry = catalog.Find(chosen) ?? catalog.Find(catalog.StartingModel);
        if (entry is null)
        {
            return;
        }

        // A damaged bundle, or one from a newer version, must not keep the desk from starting: the clerk sees why
        // and chooses or trains another model.
        try
        {
            Load(entry);
        }
        catch (BundleFormatException e)
        {
            StartupProblem = $"The active model '{entry.Name}' could not be loaded: {e.Message} Choose another model or train one.";
            LogUnloadable(logger, e, entry.Name);
        }
    }

    public ModelEntry? Entry { get; private set; }

    /// <summary>Why the model that was active could not be loaded at start-up; null when it was, or there was none.</summary>
    public string? StartupProblem { get; private set; }

    /// <summary>The classifier, or null when there is no model yet (the clerk must train or choose one).</summary>
    public TextClassifier? Classifier
    {
        get
        {
            lock (_gate)
            {
                return _classifier;
            }
        }
    }

    /// <summary>Makes <paramref name="name"/> the active model and remembers the choice.</summary>
    /// <returns>False when there is no such model.</returns>
    public bool Activate(string name)
    {
        var entry = _catalog.Find(name);
        if (entry is null)
        {
            return false;
        }

        Load(entry);
        AtomicJson.Write(_choiceFile, new ActiveModelChoice(entry.Name));
        StartupProblem = null;
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _classifier?.Dispose();
            _retired.ForEach(classifier => classifier.Dispose());
        }
    }

    private void Load(ModelEntry entry)
    {
        var loaded = TextClassifier.Load(entry.BundlePath);
        lock (_gate)
        {
            if (_classifier is not null)
            {
                _retired.Add(_classifier);
            }

            _classifier = loaded;
            Entry = entry;
        }
    }

    private sealed record ActiveModelChoice(string Name);

    [LoggerMessage(Level = LogLevel.Error, Message = "The active model {Model} could not be loaded; the desk starts without one")]
    private static partial void LogUnloadable(ILogger logger, Exception exception, string model);
}
