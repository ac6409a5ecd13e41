using System.Text;
using System.Text.Json;

namespace GluonStyleText.Aws.Lambda;

/// <summary>
/// One JSON object per line on a writer (standard output in Lambda, which CloudWatch Logs
/// captures line by line), so each line can be filtered on its fields.
/// </summary>
internal sealed class LambdaJsonLog(TextWriter writer)
{
    public void Info(string message, params (string Name, string? Value)[] fields) => Write("INFO", message, fields);

    public void Error(string message, params (string Name, string? Value)[] fields) => Write("ERROR", message, fields);

    private void Write(string level, string message, (string Name, string? Value)[] fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("level", level);
            json.WriteString("message", message);
            foreach (var (name, value) in fields)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
        }

        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
