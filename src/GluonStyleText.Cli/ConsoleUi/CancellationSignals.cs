using System.Runtime.InteropServices;

namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation request, so that a command can stop
/// cleanly (training keeps its best model and still writes the bundle; prediction removes its partial
/// output). A second Ctrl+C ends the process at once, as usual.
/// </summary>
internal sealed class CancellationSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TextWriter _notices;

    public CancellationSignals(TextWriter notices)
    {
        _notices = notices;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _notices.WriteLine();
        _notices.WriteLine($"{context.Signal} received: stopping cleanly (press Ctrl+C again to stop at once)...");
        _source.Cancel();
    }
}
