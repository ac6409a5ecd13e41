namespace GluonStyleText.Bundles;

/// <summary>A model bundle is incomplete, tampered with, of an unknown format version, or does not match its configuration.</summary>
public sealed class BundleFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="bundlePath">The bundle folder, .zip or .tar.gz file, or the name a bundle stream was given.</param>
    /// <param name="message">What is wrong, in words a user can act on.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public BundleFormatException(string bundlePath, string message, Exception? innerException = null)
        : base($"Model bundle '{bundlePath}': {message}", innerException)
    {
        BundlePath = bundlePath;
    }

    /// <summary>The bundle folder, .zip or .tar.gz file, or the name a bundle stream was given.</summary>
    public string BundlePath { get; }
}
