using System.Text;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Local;

/// <summary>A text writer that logs each line it is given, so the Lambda handler's JSON lines reach the pipeline's logger.</summary>
internal sealed partial class LoggerLineWriter(ILogger logger) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                LogLine(logger, _line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_line)
        {
            LogLine(logger, _line.Append(value).ToString());
            _line.Clear();
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Lambda: {Line}")]
    private static partial void LogLine(ILogger logger, string line);
}
