using System.Collections.Concurrent;
using GluonStyleText.Bundles;
using GluonStyleText.Samples.ClaimsDesk.Hosting;
using GluonStyleText.Samples.ClaimsDesk.Storage;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Samples.ClaimsDesk.Models;

/// <summary>
/// The models the desk offers: those trained here (bundle, description and report in the data folder) and
/// those named with <c>--model</c> (one bundle, or every bundle in a folder), which the desk never writes into.
/// </summary>
internal sealed class ModelCatalog
{
    private const string DescriptionSuffix = ".model.json";
    private readonly DataFolder _folder;
    private readonly ConcurrentDictionary<string, ModelEntry> _models = new(StringComparer.Ordinal);

    public ModelCatalog(DataFolder folder, IOptions<DeskOptions> options)
    {
        _folder = folder;
        if (options.Value.Model is { Length: > 0 } model)
        {
            AddExternal(Path.GetFullPath(model));
        }

        foreach (var description in Directory.EnumerateFiles(folder.Models, "*" + DescriptionSuffix))
        {
            if (AtomicJson.Read<ModelEntry>(description) is { } entry && DataFolder.IsSafeName(entry.Name) && Exists(entry.BundlePath))
            {
                _models[entry.Name] = entry;
            }
        }
    }

    /// <summary>The model that <c>--model</c> named first, if any: the active one until the clerk chooses another.</summary>
    public string? StartingModel { get; private set; }

    public IReadOnlyList<ModelEntry> All => [.. _models.Values.OrderByDescending(entry => entry.Created)];

    public ModelEntry? Find(string? name) => name is not null && _models.TryGetValue(name, out var entry) ? entry : null;

    /// <summary>A new model's name and bundle path, free and inside the data folder.</summary>
    public (string Name, string BundlePath) NewModel()
    {
        var name = $"model-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..4]}";
        return (name, _folder.PathIn(_folder.Models, name + ".zip"));
    }

    /// <summary>Lists a model trained here, and writes its description so that it is listed after a restart.</summary>
    public void Add(ModelEntry entry)
    {
        AtomicJson.Write(_folder.PathIn(_folder.Models, entry.Name + DescriptionSuffix), entry);
        _models[entry.Name] = entry;
    }

    private void AddExternal(string path)
    {
        if (IsBundle(path))
        {
            StartingModel ??= AddBundle(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            throw new InvalidOperationException($"--model {path}: no such bundle (.zip or bundle folder) or folder of bundles.");
        }

        foreach (var candidate in Directory.EnumerateFileSystemEntries(path).Where(IsBundle).Order(StringComparer.Ordinal))
        {
            var name = AddBundle(candidate);
            StartingModel ??= name;
        }
    }

    private string AddBundle(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path.TrimEnd(Path.DirectorySeparatorChar));
        var name = DataFolder.IsSafeName(stem) ? stem : "model-" + Guid.NewGuid().ToString("N")[..8];
        _models[name] = new ModelEntry(name, path, File.GetLastWriteTimeUtc(path), null, null, null);
        return name;
    }

    private static bool IsBundle(string path) =>
        (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) || File.Exists(Path.Combine(path, BundleFiles.Manifest));

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
