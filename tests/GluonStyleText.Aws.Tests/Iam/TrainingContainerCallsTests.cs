using GluonStyleText.Aws.Host.SageMaker;
using GluonStyleText.Aws.SageMaker;
using GluonStyleText.Aws.Tests.Pipeline;
using GluonStyleText.Aws.Tests.SageMaker;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>
/// The SageMaker entrypoint, the fourth component of the role-versus-calls check: it runs with
/// network isolation (the launcher sets it, the launcher policy requires it), so it must make no
/// call at all; SageMaker's own use of the training role is checked in
/// <see cref="RolesAllowWhatTheCodeDoesTests"/>. Alone in its collection, so that the process's
/// only HTTP traffic while it runs is its own.
/// </summary>
[Collection(ProcessHttpCollection.Name)]
public sealed class TrainingContainerCallsTests : IDisposable
{
    private readonly SageMakerContainer _container = new();

    public void Dispose() => _container.Dispose();

    [Fact]
    public async Task The_training_entrypoint_makes_no_network_call_so_it_runs_isolated()
    {
        _container.WriteHyperparameters();
        _container.WriteChannelFile("train.csv", SyntheticReviews.ToCsv(SyntheticReviews.Create(120, seed: 8)));
        using var observer = new HttpRequestObserver();

        var exitCode = await SageMakerTrainingEntrypoint.RunAsync(_container.Paths, NullLogger.Instance);
        using var probe = new HttpClient(new SocketsHttpHandler());
        await Assert.ThrowsAnyAsync<Exception>(() => probe.GetAsync(new Uri("http://127.0.0.1:9/observer-probe")));

        Assert.Equal(SageMakerTrainingEntrypoint.SuccessExitCode, exitCode);
        // The probe proves the observer sees requests; the entrypoint sent none.
        Assert.Equal(["GET http://127.0.0.1:9/observer-probe"], observer.Requests);
    }
}
