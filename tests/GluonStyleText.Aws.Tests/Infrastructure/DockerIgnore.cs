using System.Text;
using System.Text.RegularExpressions;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// A <c>.dockerignore</c> file read with Docker's rules (moby/patternmatcher, which BuildKit uses):
/// patterns are cleaned paths relative to the context root; <c>*</c> and <c>?</c> stay within one
/// path segment, <c>**</c> spans any number of segments; a pattern that matches a folder matches
/// everything below it; the last matching pattern decides, and <c>!</c> lets a path back in.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Exclude)> _patterns;

    private DockerIgnore(IReadOnlyList<(Regex Pattern, bool Exclude)> patterns) => this._patterns = patterns;

    public static DockerIgnore Load(string path) => Parse(File.ReadAllLines(path));

    public static DockerIgnore Parse(IEnumerable<string> lines)
    {
        var patterns = new List<(Regex, bool)>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = Clean(exclude ? line : line[1..].Trim());
            patterns.Add((ToRegex(pattern), exclude));
        }

        return new DockerIgnore(patterns);
    }

    /// <summary>Whether the file at this context-relative path ('/' separators) stays out of the build context.</summary>
    public bool Excludes(string relativePath)
    {
        var candidates = Parents(relativePath).Append(relativePath).ToList();
        var excluded = false;
        foreach (var (pattern, exclude) in _patterns)
        {
            if (candidates.Any(candidate => pattern.IsMatch(candidate)))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    // filepath.Clean as Docker applies it: no leading "/" or "./", no trailing "/", no empty segments.
    private static string Clean(string pattern)
    {
        var segments = pattern.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != ".");
        return string.Join('/', segments);
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches zero or more whole segments; a final "**" matches the rest.
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    regex.Append("(?:.*/)?");
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
