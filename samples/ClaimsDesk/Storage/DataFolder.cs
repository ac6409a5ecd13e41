using System.Text.RegularExpressions;
using GluonStyleText.Samples.ClaimsDesk.Hosting;
using Microsoft.Extensions.Options;

namespace GluonStyleText.Samples.ClaimsDesk.Storage;

/// <summary>
/// The desk's one data folder, and the only way the desk makes a path inside it: names that come from a
/// request are checked against a strict pattern and the resolved path must stay under the folder, so that
/// a model name such as <c>../../etc/passwd</c> or an upload's own file name never reaches the file system.
/// </summary>
internal sealed partial class DataFolder
{
    public DataFolder(IOptions<DeskOptions> options)
    {
        Root = Path.GetFullPath(options.Value.DataFolder);
        Directory.CreateDirectory(Uploads);
        Directory.CreateDirectory(Results);
        Directory.CreateDirectory(Models);
        Directory.CreateDirectory(Reports);
    }

    public string Root { get; }

    public string Uploads => Path.Combine(Root, "uploads");

    public string Results => Path.Combine(Root, "results");

    public string Models => Path.Combine(Root, "models");

    public string Reports => Path.Combine(Root, "reports");

    /// <summary>True when <paramref name="name"/> may name a file or folder of the desk (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; not starting with a dot).</summary>
    public static bool IsSafeName(string? name) => name is not null && SafeName().IsMatch(name);

    /// <summary><paramref name="name"/> inside <paramref name="folder"/> (one of this object's folders).</summary>
    /// <exception cref="ArgumentException">The name is unsafe or the path would leave the data folder.</exception>
    public string PathIn(string folder, string name)
    {
        if (!IsSafeName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid name.", nameof(name));
        }

        var path = Path.GetFullPath(Path.Combine(folder, name));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"'{name}' is not a valid name.", nameof(name));
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SafeName();
}
