namespace GluonStyleText.Cli.ConsoleUi;

/// <summary>
/// Shows the progress of one long step. On a terminal it is a single line redrawn in place with
/// <c>\r</c> (a few times a second at most); otherwise it is a plain line now and then, so that
/// redirected output and CI logs stay readable. Safe to call from any thread.
/// </summary>
internal sealed class ProgressLine
{
    /// <summary>How often a terminal line is redrawn at most.</summary>
    public static readonly TimeSpan TerminalRedrawInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a terminal line stays away after a log message: the console logger writes from its own
    /// thread, so redrawing at once could put the progress in front of the message.
    /// </summary>
    public static readonly TimeSpan PauseAfterInterrupt = TimeSpan.FromMilliseconds(300);

    /// <summary>How often a plain progress line is written at most, by default.</summary>
    public static readonly TimeSpan DefaultPlainInterval = TimeSpan.FromSeconds(15);

    private readonly TextWriter _writer;
    private readonly bool _isTerminal;
    private readonly TimeProvider _time;
    private readonly TimeSpan _plainInterval;
    private readonly object _gate = new();
    private long? _lastWrite;
    private long? _pausedSince;
    private int _shownLength;
    private string? _text;
    private bool _textWritten;

    public ProgressLine(TextWriter writer, bool isTerminal, TimeProvider? time = null, TimeSpan? plainInterval = null)
    {
        _writer = writer;
        _isTerminal = isTerminal;
        _time = time ?? TimeProvider.System;
        _plainInterval = plainInterval ?? DefaultPlainInterval;
    }

    /// <summary>Shows <paramref name="text"/> if enough time has passed since the last write, or always when <paramref name="force"/>.</summary>
    public void Update(string text, bool force = false)
    {
        lock (_gate)
        {
            _text = text;
            _textWritten = false;
            var now = _time.GetTimestamp();
            if (!force && (TooSoon(_lastWrite, now, _isTerminal ? TerminalRedrawInterval : _plainInterval) || TooSoon(_pausedSince, now, PauseAfterInterrupt)))
            {
                return;
            }

            _lastWrite = now;
            _pausedSince = null;
            Show(text, endLine: !_isTerminal);
        }
    }

    /// <summary>
    /// Clears a terminal line so that a log message can be written on a line of its own; the progress
    /// comes back with a later update.
    /// </summary>
    public void Interrupt()
    {
        lock (_gate)
        {
            if (_isTerminal && _shownLength > 0)
            {
                _writer.Write('\r' + new string(' ', _shownLength) + '\r');
                _writer.Flush();
                _shownLength = 0;
                _textWritten = false;
                _pausedSince = _time.GetTimestamp();
            }
        }
    }

    /// <summary>
    /// Ends the step: its last text (or <paramref name="finalText"/>) stays on a line of its own, unless
    /// a log message has cleared it from the terminal since.
    /// </summary>
    public void Complete(string? finalText = null)
    {
        lock (_gate)
        {
            if (finalText is not null && finalText != _text)
            {
                _text = finalText;
                _textWritten = false;
            }

            // A terminal line that a log message cleared stays cleared: its text is out of date by now.
            if (_isTerminal && _textWritten && _shownLength > 0)
            {
                _writer.WriteLine();
                _writer.Flush();
            }
            else if (_text is not null && (_isTerminal ? _shownLength > 0 || finalText is not null : !_textWritten))
            {
                Show(_text, endLine: true);
            }

            _shownLength = 0;
            _text = null;
            _textWritten = false;
            _lastWrite = null;
        }
    }

    private bool TooSoon(long? since, long now, TimeSpan interval) => since is { } start && _time.GetElapsedTime(start, now) < interval;

    private void Show(string text, bool endLine)
    {
        if (_isTerminal)
        {
            // Padding over the previous text clears it without relying on ANSI escapes.
            _writer.Write('\r' + text + new string(' ', Math.Max(0, _shownLength - text.Length)));
            _shownLength = text.Length;
        }
        else
        {
            _writer.Write(text);
        }

        if (endLine)
        {
            _writer.WriteLine();
            _shownLength = 0;
        }

        _writer.Flush();
        _textWritten = true;
    }
}
