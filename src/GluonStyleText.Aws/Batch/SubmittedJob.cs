namespace GluonStyleText.Aws.Batch;

/// <summary>A job AWS Batch accepted.</summary>
/// <param name="JobId">The job's id, for <see cref="IBatchJobs.DescribeJobsAsync"/>.</param>
/// <param name="JobName">The job's name.</param>
/// <param name="JobArn">The job's ARN; null if the service did not return one.</param>
public sealed record SubmittedJob(string JobId, string JobName, string? JobArn);
