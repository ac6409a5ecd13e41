using System.Text;
using Microsoft.Extensions.Logging;

namespace GluonStyleText.Aws.Local;

/// <summary>A text writer that logs each line it is given, so the Lambda handler's JSON lines reach the pipeline's logger.</summary>
internal sealed partial class LoggerLineWriter(ILogger logger) : TextWriter
{
    private readonly StringBuilder line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (line)
        {
            if (value == '\n')
            {
                LogLine(logger, line.ToString().TrimEnd('\r'));
                line.Clear();
            }
            else
            {
                line.Append(value);
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (line)
        {
            LogLine(logger, line.Append(value).ToString());
            line.Clear();
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Lambda: {Line}")]
    private static partial void LogLine(ILogger logger, string line);
}
