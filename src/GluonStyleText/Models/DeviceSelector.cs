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
        string name = device.Trim().ToLowerInvariant();
        switch (name)
        {
            case "cpu":
                return CPU;
            case "auto":
                return cuda.is_available() ? CUDA : CPU;
            case "cuda":
                RequireCuda(device, index: 0);
                return CUDA;
        }

        if (name.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan("cuda:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            RequireCuda(device, index);
            return new Device(DeviceType.CUDA, index);
        }

        throw new ArgumentException(
            $"Device '{device}' (option 'device') is not recognised; use cpu, cuda, cuda:N (N = 0, 1, ...) or auto.",
            nameof(device));
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
