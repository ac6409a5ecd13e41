using System.Diagnostics;
using System.Text.Json;
using GluonStyleText.Tests.Packaging;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Xunit.Abstractions;

namespace GluonStyleText.Tests.Notebooks;

/// <summary>
/// Runs every code cell of <c>samples/notebooks/imdb-walkthrough.ipynb</c>, in order, in the C# kernel that
/// Polyglot Notebooks use, so that the notebook cannot rot: a cell that does not compile or throws fails the test.
/// It runs on the notebook's built-in data (no shared data needed) and against this test's own build of the
/// library: the notebook's library folder (the CLI's Release output, for a reader; in its <c>#r</c> lines and
/// where it looks for native libraries) is replaced by this assembly's folder, which holds the same
/// GluonStyleText.dll, TorchSharp and native libtorch. In the test process these load through the test's
/// deps.json, so the notebook's native-library hook is not exercised here; it was checked by running the
/// notebook in the dotnet-interactive tool (stdio kernel) against a Release build of the CLI.
/// </summary>
[Collection(GluonStyleText.Tests.Training.SerialTorchCollection.Name)]
public sealed class ImdbWalkthroughNotebookTests(ITestOutputHelper output)
{
    /// <summary>The folder the notebook's <c>#r</c> directives name, relative to the notebook.</summary>
    private const string ReaderLibraryFolder = "../../src/GluonStyleText.Cli/bin/Release/net10.0/";

    private const string DataFolderVariable = "GLUONTEXT_IMDB_DIR";

    private static readonly string NotebookPath = Path.Combine(PackedFeedFixture.FindRepositoryRoot(), "samples", "notebooks", "imdb-walkthrough.ipynb");

    [Fact]
    public void TheNotebookIsAPolyglotCSharpNotebookWhoseReferencesNameTheReadersBuild()
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(NotebookPath));

        Assert.Equal(".net-csharp", notebook.RootElement.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        var cells = CodeCells(notebook).ToList();
        Assert.All(cells, cell => Assert.Equal("csharp", cell.Language));
        var references = cells.SelectMany(cell => cell.Source.Split('\n')).Where(line => line.StartsWith("#r ", StringComparison.Ordinal)).ToList();
        Assert.Contains(references, line => line.EndsWith("GluonStyleText.dll\"", StringComparison.Ordinal));
        Assert.All(references, line => Assert.StartsWith("#r \"" + ReaderLibraryFolder, line, StringComparison.Ordinal));
        var libraryFolder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(NotebookPath)!, ReaderLibraryFolder));
        Assert.EndsWith(Path.Combine("src", "GluonStyleText.Cli", "bin", "Release", "net10.0") + Path.DirectorySeparatorChar, libraryFolder, StringComparison.Ordinal);
        Assert.All(notebook.RootElement.GetProperty("cells").EnumerateArray(), cell =>
            Assert.True(!cell.TryGetProperty("outputs", out var outputs) || outputs.GetArrayLength() == 0, "the notebook is committed without outputs"));
    }

    [Fact]
    public async Task EveryCodeCellRunsOnTheBuiltInData()
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(NotebookPath));
        var cells = CodeCells(notebook).ToList();
        var missingData = Path.Combine(Path.GetTempPath(), "gluonstyletext-no-imdb-" + Guid.NewGuid().ToString("N"));
        var previous = Environment.GetEnvironmentVariable(DataFolderVariable);
        Environment.SetEnvironmentVariable(DataFolderVariable, missingData);
        try
        {
            using var kernel = new CSharpKernel().UseKernelHelpers();
            var displayed = new List<string>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < cells.Count; i++)
            {
                var code = cells[i].Source.Replace("\"" + ReaderLibraryFolder, "\"" + AppContext.BaseDirectory, StringComparison.Ordinal);
                var result = await kernel.SendAsync(new SubmitCode(code));

                var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
                var errors = result.Events.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics).Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Message);
                Assert.True(failure is null, $"Code cell {i + 1} of {cells.Count} failed: {failure?.Message}\n{string.Join('\n', errors)}\n--- cell ---\n{code}");
                var values = result.Events.OfType<DisplayEvent>().SelectMany(e => e.FormattedValues).Select(v => v.Value).ToList();
                displayed.AddRange(values);
                output.WriteLine($"cell {i + 1}: {clock.Elapsed.TotalSeconds:0.0} s, {values.Count} outputs");
                foreach (var value in values.Where(value => !value.Contains("base64,", StringComparison.Ordinal)))
                {
                    output.WriteLine("  " + (value.Length > 300 ? value[..300] + "..." : value));
                }
            }

            Assert.Contains(displayed, value => value.Contains("IMDB not found: the built-in set", StringComparison.Ordinal));
            Assert.Equal(2, displayed.Count(value => value.Contains("<img src=\"data:image/png;base64,iVBORw0KGgo", StringComparison.Ordinal)));
            // The explained review's deciding word leads the table of contributions, highlighted as written.
            var contributions = displayed.Single(value => value.Contains("AsWritten = ", StringComparison.Ordinal));
            Assert.StartsWith("AsWritten = SUPERB, Word = superb, Contribution = 0.", contributions[contributions.IndexOf("AsWritten = ", StringComparison.Ordinal)..], StringComparison.Ordinal);
            Assert.Contains(displayed, value => value.StartsWith("<p>Label 1 ", StringComparison.Ordinal) && value.Contains("\">SUPERB</span>", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataFolderVariable, previous);
        }
    }

    private static IEnumerable<(string Language, string Source)> CodeCells(JsonDocument notebook)
    {
        foreach (var cell in notebook.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code")
            {
                continue;
            }

            var language = cell.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString() ?? "";
            var source = cell.GetProperty("source");
            yield return (language, source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(line => line.GetString())) : source.GetString() ?? "");
        }
    }
}
