using System.Text.RegularExpressions;

namespace GluonStyleText.Aws.Tests.Infrastructure;

/// <summary>
/// The build stage of a Dockerfile (the stage named <c>build</c>), read for what it runs: its ARG
/// defaults, ENV settings, whether it copies the whole context, and its RUN commands with
/// line continuations joined and BuildKit flags (<c>--mount=...</c>) removed.
/// </summary>
internal sealed partial record DockerBuildStage(
    IReadOnlyDictionary<string, string> Variables,
    bool CopiesWholeContext,
    IReadOnlyList<string> RunCommands)
{
    public static DockerBuildStage Load(string dockerfile)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var runs = new List<string>();
        var copiesContext = false;
        var inBuild = false;
        foreach (var instruction in Instructions(File.ReadAllLines(dockerfile)))
        {
            var match = InstructionPattern().Match(instruction);
            var (keyword, rest) = (match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value.Trim());
            if (keyword == "FROM")
            {
                if (inBuild)
                {
                    break;
                }

                inBuild = rest.EndsWith(" AS build", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            // ARGs before the first FROM are global; a stage re-declares the ones it uses.
            if (keyword == "ARG" && rest.Split('=', 2) is [var name, var value])
            {
                variables[name.Trim()] = value.Trim();
            }

            if (!inBuild)
            {
                continue;
            }

            switch (keyword)
            {
                case "ENV":
                    foreach (Match pair in EnvPairPattern().Matches(rest))
                    {
                        variables[pair.Groups[1].Value] = pair.Groups[2].Value;
                    }

                    break;
                case "COPY" when rest is ". ." or ". ./":
                    copiesContext = true;
                    break;
                case "RUN":
                    runs.Add(FlagPattern().Replace(rest, "").Trim());
                    break;
            }
        }

        if (!inBuild && runs.Count == 0)
        {
            throw new InvalidDataException($"{dockerfile}: no stage named 'build'.");
        }

        return new DockerBuildStage(variables, copiesContext, runs);
    }

    private static IEnumerable<string> Instructions(IEnumerable<string> lines)
    {
        var current = "";
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (current.Length > 0 && line.TrimStart().StartsWith('#'))
            {
                continue; // a comment inside a continued instruction
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            yield return current + line;
            current = "";
        }
    }

    [GeneratedRegex(@"^\s*([A-Za-z]+)\s+(.*)$", RegexOptions.Singleline)]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S*)")]
    private static partial Regex EnvPairPattern();

    [GeneratedRegex(@"^(--[a-z]+=\S+\s+)+")]
    private static partial Regex FlagPattern();
}
