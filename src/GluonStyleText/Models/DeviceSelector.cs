using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Models;

/// <summary>Turns the <c>device</c> option into a TorchSharp device.</summary>
public static class DeviceSelector
{
    /// <summary>
    /// Resolves <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c> (CUDA when TorchSharp can use
    /// it, else the CPU), case-insensitively.
    /// </summary>
    /// <param name="device">The <c>device</c> option.</param>
    /// <exception cref="ArgumentException">The text is none of the accepted forms.</exception>
    /// <exception cref="InvalidOperationException">CUDA, or that CUDA device, is not available.</exception>
    public static Device Resolve(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!TryParse(device, out var name, out int index))
        {
            throw new ArgumentException($"Device '{device}' (option 'device') is not recognised; use {AcceptedNames}.", nameof(device));
        }

        switch (name)
        {
            case "cpu":
                return CPU;
            case "auto":
                return cuda.is_available() ? CUDA : CPU;
            default:
                RequireCuda(device, index);
                return index == 0 ? CUDA : new Device(DeviceType.CUDA, index);
        }
    }

    /// <summary>The accepted forms, for messages: cpu, cuda, cuda:N (N = 0, 1, ...), auto.</summary>
    public const string AcceptedNames = "cpu, cuda, cuda:N (N = 0, 1, ...), auto";

    /// <summary>Whether <paramref name="device"/> is one of the accepted forms (whether or not CUDA is there); the one check every validator uses.</summary>
    /// <param name="device">The text to check.</param>
    public static bool IsValidName(string? device) => device is not null && TryParse(device, out _, out _);

    private static bool TryParse(string device, out string name, out int index)
    {
        name = device.Trim().ToLowerInvariant();
        index = 0;
        if (name is "cpu" or "auto" or "cuda")
        {
            return true;
        }

        if (name.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan("cuda:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            name = "cuda";
            return true;
        }

        return false;
    }

    private static void RequireCuda(string requested, int index)
    {
        if (!cuda.is_available())
        {
            throw new InvalidOperationException(
                $"Device '{requested}' (option 'device') was requested, but CUDA is not available to TorchSharp. " +
                "Use 'cpu' or 'auto', or reference a TorchSharp CUDA backend package (e.g. TorchSharp-cuda-linux) instead of libtorch-cpu and check the NVIDIA driver.");
        }

        int count = cuda.device_count();
        if (index >= count)
        {
            throw new InvalidOperationException(
                $"Device '{requested}' (option 'device') was requested, but only {count} CUDA device(s) are available (cuda:0 to cuda:{count - 1}).");
        }
    }
}
