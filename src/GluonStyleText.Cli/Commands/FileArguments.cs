namespace GluonStyleText.Cli.Commands;

/// <summary>Checks on file paths given as option values.</summary>
internal static class FileArguments
{
    /// <summary>The full path of <paramref name="path"/>, which must exist.</summary>
    /// <exception cref="FileNotFoundException">It does not; the message names the option and the full path.</exception>
    public static string Require(string path, string option) => File.Exists(path)
        ? Path.GetFullPath(path)
        : throw new FileNotFoundException($"{option}: file not found: {Path.GetFullPath(path)}", path);
}
