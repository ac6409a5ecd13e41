namespace GluonStyleText.Models;

/// <summary>
/// A model whose big lookup tables emit sparse gradients (one row per token of the batch), which the
/// trainer then updates with its sparse Adam instead of the dense optimizer.
/// </summary>
internal interface ISparseRowTables
{
    /// <summary>The names (as in <c>named_parameters</c>) of the tables with sparse gradients; empty when the model was built with dense ones.</summary>
    IReadOnlyList<string> SparseRowParameterNames { get; }
}
