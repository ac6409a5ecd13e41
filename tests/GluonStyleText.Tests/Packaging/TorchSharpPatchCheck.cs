using System.Text;

namespace GluonStyleText.Tests.Packaging;

/// <summary>Whether a folder's copy of TorchSharp's native glue got the Debian 12 patch (docs/torchsharp-on-debian-12.md) exactly where it is needed.</summary>
internal static class TorchSharpPatchCheck
{
    /// <summary>
    /// On a Linux whose libstdc++ lacks what TorchSharp's native glue needs (Debian 12), the copy in
    /// <paramref name="nativeFolder"/> must be patched and have its shim beside it; elsewhere it must be left alone.
    /// </summary>
    public static void AssertPatchedWhereNeeded(string nativeFolder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var glue = File.ReadAllBytes(Path.Combine(nativeFolder, "libLibTorchSharp.so"));
        var shimLinked = glue.AsSpan().IndexOf("libgluonstyletext_ios_init.so"u8) >= 0;
        if (SystemLibStdCxxHas("GLIBCXX_3.4.32"))
        {
            Assert.False(shimLinked, "libLibTorchSharp.so was patched although this system's libstdc++ does not need it.");
        }
        else
        {
            Assert.True(shimLinked, $"libLibTorchSharp.so in {nativeFolder} was not patched, so it cannot load with this system's libstdc++.");
            Assert.True(File.Exists(Path.Combine(nativeFolder, "libgluonstyletext_ios_init.so")));
        }
    }

    private static bool SystemLibStdCxxHas(string version)
    {
        var ldconfig = ProcessRunner.Run("/sbin/ldconfig", ["-p"], "/", TimeSpan.FromSeconds(30)).EnsureSuccess();
        var library = ldconfig.Output.Split('\n')
            .Where(line => line.Contains("libstdc++.so.6 ", StringComparison.Ordinal) && line.Contains("x86-64", StringComparison.Ordinal))
            .Select(line => line[(line.LastIndexOf("=> ", StringComparison.Ordinal) + 3)..].Trim())
            .First();
        return File.ReadAllBytes(library).AsSpan().IndexOf(Encoding.ASCII.GetBytes(version)) >= 0;
    }
}
