using GluonStyleText.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GluonStyleText.Tests.Models;

public sealed class DeviceSelectorTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void CpuIsTheCpu(string device) => Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve(device).type);

    [Fact]
    public void AutoFallsBackToTheCpuWithoutCuda()
    {
        Assert.False(cuda.is_available(), "This test machine is expected to have no CUDA.");
        Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve("auto").type);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("CUDA:1")]
    public void CudaWithoutCudaIsAClearError(string device)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DeviceSelector.Resolve(device));

        Assert.Contains($"Device '{device}' (option 'device') was requested, but CUDA is not available", error.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void UnknownDevicesAreRejectedListingTheAcceptedForms(string device)
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceSelector.Resolve(device));

        Assert.Contains($"Device '{device}' (option 'device') is not recognised; use cpu, cuda, cuda:N", error.Message);
    }
}
