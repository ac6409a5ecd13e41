using System.CommandLine;
using System.CommandLine.Parsing;
using GluonStyleText.Cli.ConsoleUi;

namespace GluonStyleText.Cli.Commands;

/// <summary>
/// The options with which a command is told where its labeled CSV file is, and how their values become
/// the file's path. The general tool takes <c>--data FILE</c>; the IMDB sample takes a folder or downloads
/// the data; the commands themselves are the same.
/// </summary>
/// <param name="Options">Added to the command, in this order.</param>
/// <param name="Validate">Checks the values across options (e.g. two that exclude each other); null for none.</param>
/// <param name="ResolveAsync">The CSV file's full path; may download or convert data first.</param>
/// <param name="DefaultBundle">With <c>train</c>: the bundle path used when <c>--output</c> is not given.</param>
internal sealed record DataArguments(
    IReadOnlyList<Option> Options,
    Action<CommandResult>? Validate,
    Func<ParseResult, CommandSession, CancellationToken, Task<string>> ResolveAsync,
    Func<ParseResult, Training.TrainingConfiguration, string> DefaultBundle)
{
    /// <summary>Adds the options and their check to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in Options)
        {
            command.Options.Add(option);
        }

        if (Validate is { } validate)
        {
            command.Validators.Add(validate);
        }
    }

    /// <summary><c>--data FILE</c>, required: a labeled CSV file; the default bundle is <c>&lt;file name&gt;-model.zip</c> in the current folder.</summary>
    /// <param name="description">What the file is for.</param>
    public static DataArguments CsvFile(string description)
    {
        var data = new Option<string>("--data") { Description = description, HelpName = "FILE", Required = true };
        return new DataArguments(
            [data],
            Validate: null,
            (parseResult, _, _) => Task.FromResult(FileArguments.Require(parseResult.GetRequiredValue(data), "--data")),
            (parseResult, _) => Path.GetFileNameWithoutExtension(parseResult.GetRequiredValue(data)) + "-model.zip");
    }
}
