namespace GluonStyleText.Models;

/// <summary>
/// A model produced, or holds, a NaN or an infinite number: a training loss, a validation loss, logits or weights.
/// Such a model's figures and predictions mean nothing, so the run stops instead of reporting them; the message
/// says where it happened (epoch and batch, tensor, row) and what to try.
/// </summary>
public sealed class NonFiniteNumbersException : Exception
{
    /// <summary>What to try when the cause is not known: the machine's own kernels, then the learning rate.</summary>
    internal const string Advice =
        "Check this machine's native kernels with 'gluontext doctor'; if they pass, the training diverged: lower learning_rate or set max_grad_norm.";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Where the non-finite number appeared, and what to do.</param>
    public NonFiniteNumbersException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message (serializers, analyzers).</summary>
    public NonFiniteNumbersException()
    {
    }

    /// <summary>Creates the exception with an inner one.</summary>
    /// <param name="message">Where the non-finite number appeared, and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public NonFiniteNumbersException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
