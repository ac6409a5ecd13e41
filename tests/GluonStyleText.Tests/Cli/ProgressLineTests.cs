using GluonStyleText.Cli.ConsoleUi;
using GluonStyleText.Tests.Support;

namespace GluonStyleText.Tests.Cli;

public sealed class ProgressLineTests
{
    private readonly StringWriter _writer = new();
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void OnATerminalTheLineIsRedrawnInPlaceAndPaddedOverLongerText()
    {
        var line = new ProgressLine(_writer, isTerminal: true, _time);

        line.Update("Epoch 1/3  10.0%");
        _time.Advance(TimeSpan.FromSeconds(1));
        line.Update("done");
        line.Complete();

        Assert.Equal("\rEpoch 1/3  10.0%" + "\rdone            " + Environment.NewLine, _writer.ToString());
    }

    [Fact]
    public void OnATerminalUpdatesComingTooFastAreSkipped()
    {
        var line = new ProgressLine(_writer, isTerminal: true, _time);

        line.Update("a");
        _time.Advance(TimeSpan.FromMilliseconds(10));
        line.Update("b");
        _time.Advance(ProgressLine.TerminalRedrawInterval);
        line.Update("c");

        Assert.Equal("\ra\rc", _writer.ToString());
    }

    [Fact]
    public void RedirectedOutputGetsAPlainLineNowAndThen()
    {
        var line = new ProgressLine(_writer, isTerminal: false, _time, plainInterval: TimeSpan.FromSeconds(10));

        line.Update("1%");
        _time.Advance(TimeSpan.FromSeconds(5));
        line.Update("2%");
        _time.Advance(TimeSpan.FromSeconds(6));
        line.Update("3%");
        _time.Advance(TimeSpan.FromSeconds(1));
        line.Update("4%");
        line.Complete();

        Assert.Equal(["1%", "3%", "4%"], Lines());
        Assert.DoesNotContain('\r', _writer.ToString());
    }

    [Fact]
    public void RedirectedOutputDoesNotRepeatAForcedLineOnCompletion()
    {
        var line = new ProgressLine(_writer, isTerminal: false, _time);

        line.Update("100%", force: true);
        line.Complete();

        Assert.Equal(["100%"], Lines());
    }

    [Fact]
    public void AnInterruptionClearsTheTerminalLineAndPausesRedraws()
    {
        var line = new ProgressLine(_writer, isTerminal: true, _time);
        line.Update("12345");

        line.Interrupt();
        _time.Advance(ProgressLine.TerminalRedrawInterval);
        line.Update("paused");
        _time.Advance(ProgressLine.PauseAfterInterrupt);
        line.Update("back");

        Assert.Equal("\r12345" + "\r     \r" + "\rback", _writer.ToString());
    }

    [Fact]
    public void ACompletionAfterAnInterruptionDoesNotBringBackStaleProgress()
    {
        var line = new ProgressLine(_writer, isTerminal: true, _time);
        line.Update("50%");
        line.Interrupt();

        line.Complete();

        Assert.Equal("\r50%\r   \r", _writer.ToString());
    }

    [Fact]
    public void ACompletionWithFinalTextAlwaysShowsIt()
    {
        var line = new ProgressLine(_writer, isTerminal: false, _time);
        line.Update("50%");

        line.Complete("finished");

        Assert.Equal(["50%", "finished"], Lines());
    }

    private string[] Lines() => _writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
