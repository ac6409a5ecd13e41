using System.Text.Json;
using GluonStyleText.Data;

namespace GluonStyleText.Samples.ClaimsDesk.Storage;

/// <summary>Small JSON files written whole or not at all: a crash mid-write must not leave the desk unable to start.</summary>
internal static class AtomicJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write<T>(string path, T value)
    {
        AtomicFile.WriteText(path, JsonSerializer.Serialize(value, Options));
    }

    /// <summary>The value in <paramref name="path"/>, or default when the file is missing or unreadable.</summary>
    public static T? Read<T>(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
