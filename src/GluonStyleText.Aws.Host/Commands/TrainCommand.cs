using System.CommandLine;
using GluonStyleText.Aws.Host.SageMaker;
using GluonStyleText.Cli.Commands;
using GluonStyleText.Cli.ConsoleUi;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Host.Commands;

/// <summary>
/// <c>train</c>: what the container runs when SageMaker starts it (<c>docker run IMAGE train</c>):
/// the /opt/ml contract.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose)
    {
        var root = new Option<string>("--opt-ml")
        {
            Description = "The SageMaker folder (hyperparameters, training channel, model output).",
            HelpName = "DIR",
            DefaultValueFactory = _ => SageMakerPaths.DefaultRoot,
        };
        var command = new Command("train", "Inside the training container: train from /opt/ml as SageMaker lays it out, write the bundle to /opt/ml/model.")
        {
            root,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, console, verbose, (session, token) =>
        {
            var logger = session.Loggers.CreateLogger(typeof(SageMakerTrainingEntrypoint));
            return SageMakerTrainingEntrypoint.RunAsync(
                new SageMakerPaths(parseResult.GetRequiredValue(root)), logger, new TrainingProgressReporter(session.Progress), token);
        }, cancellationToken));
        return command;
    }
}
