namespace GluonStyleText.Samples.ClaimsDesk.Api;

/// <summary>Answer of <c>POST /api/classify</c>: one result per text, in order.</summary>
/// <param name="Model">The model that classified them.</param>
/// <param name="Results">The results.</param>
internal sealed record ClassifyResponse(string Model, IReadOnlyList<ClaimResult> Results);

/// <summary>One text's category and the next candidates.</summary>
/// <param name="Category">The most probable category.</param>
/// <param name="Probability">Its probability.</param>
/// <param name="NeedsReview">True when the probability is below the team's threshold.</param>
/// <param name="Candidates">The most probable categories, best first (the first is <paramref name="Category"/>).</param>
internal sealed record ClaimResult(string Category, double Probability, bool NeedsReview, IReadOnlyList<Candidate> Candidates);

/// <summary>A category and its probability.</summary>
/// <param name="Category">The category.</param>
/// <param name="Probability">Its probability.</param>
internal sealed record Candidate(string Category, double Probability);
