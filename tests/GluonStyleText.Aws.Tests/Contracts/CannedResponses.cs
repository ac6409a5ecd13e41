namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>
/// Answers shaped like the real services' (checked against the API models' output shapes in
/// <see cref="ResponseFixtureTests"/>), so the clients are tested on realistic input.
/// </summary>
internal static class CannedResponses
{
    public const string JobId = "876da822-4198-45f2-a252-6cea32512ea8";
    public const string TrainingJobArn = "arn:aws:sagemaker:eu-west-1:123456789012:training-job/imdb-cnn-3f2a9c0d1e4b5a67";

    public const string SubmitJob = $$"""
        {"jobArn":"arn:aws:batch:eu-west-1:123456789012:job/{{JobId}}","jobName":"predict-claims-csv-0123456789abcdef","jobId":"{{JobId}}"}
        """;

    public const string DescribeJobsFailed = $$$"""
        {"jobs":[{
          "jobArn":"arn:aws:batch:eu-west-1:123456789012:job/{{{JobId}}}",
          "jobName":"predict-claims-csv-0123456789abcdef",
          "jobId":"{{{JobId}}}",
          "jobQueue":"arn:aws:batch:eu-west-1:123456789012:job-queue/gluonstyletext-predict",
          "status":"FAILED",
          "statusReason":"Essential container in task exited",
          "attempts":[{"container":{"exitCode":137,"logStreamName":"gluonstyletext-predict/default/0a1b2c3d","reason":"OutOfMemoryError: Container killed due to memory usage"},"startedAt":1717236060000,"stoppedAt":1717236125000,"statusReason":"Essential container in task exited"}],
          "createdAt":1717236000000,
          "startedAt":1717236060000,
          "stoppedAt":1717236125000,
          "dependsOn":[],
          "jobDefinition":"arn:aws:batch:eu-west-1:123456789012:job-definition/gluonstyletext-predict:3",
          "parameters":{"bucket":"claims-inbox","key":"2024/05/claims.csv"},
          "container":{
            "image":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext-predict:1.0",
            "vcpus":2,"memory":4096,
            "command":["predict","--bucket","claims-inbox","--key","2024/05/claims.csv"],
            "environment":[{"name":"MODEL_URI","value":"s3://models/imdb-cnn/model.tar.gz"}],
            "exitCode":137,
            "reason":"OutOfMemoryError: Container killed due to memory usage",
            "logStreamName":"gluonstyletext-predict/default/0a1b2c3d"
          },
          "tags":{"app":"gluonstyletext"},
          "propagateTags":false,
          "platformCapabilities":["EC2"]
        }]}
        """;

    public const string DescribeJobsRunning = $$"""
        {"jobs":[{"jobName":"predict-a-0123456789abcdef","jobId":"{{JobId}}","jobQueue":"gluonstyletext-predict","status":"RUNNING","createdAt":1717236000000,"startedAt":1717236060000,"jobDefinition":"gluonstyletext-predict:3"}]}
        """;

    public const string CreateTrainingJob = $$"""{"TrainingJobArn":"{{TrainingJobArn}}"}""";

    public const string DescribeTrainingJobCompleted = $$$"""
        {
          "TrainingJobName":"imdb-cnn-3f2a9c0d1e4b5a67",
          "TrainingJobArn":"{{{TrainingJobArn}}}",
          "ModelArtifacts":{"S3ModelArtifacts":"s3://models/imdb-cnn/imdb-cnn-3f2a9c0d1e4b5a67/output/model.tar.gz"},
          "TrainingJobStatus":"Completed",
          "SecondaryStatus":"Completed",
          "HyperParameters":{"epochs":"5","model":"cnn"},
          "AlgorithmSpecification":{"TrainingImage":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext:1.0","TrainingInputMode":"File","EnableSageMakerMetricsTimeSeries":false},
          "RoleArn":"arn:aws:iam::123456789012:role/SageMakerRole",
          "InputDataConfig":[{"ChannelName":"training","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://data/imdb/train/","S3DataDistributionType":"FullyReplicated"}},"CompressionType":"None","RecordWrapperType":"None"}],
          "OutputDataConfig":{"KmsKeyId":"","S3OutputPath":"s3://models/imdb-cnn/","CompressionType":"GZIP"},
          "ResourceConfig":{"InstanceType":"ml.m5.xlarge","InstanceCount":1,"VolumeSizeInGB":30},
          "StoppingCondition":{"MaxRuntimeInSeconds":86400},
          "CreationTime":1717236000.123,
          "TrainingStartTime":1717236095.5,
          "TrainingEndTime":1717237900.25,
          "LastModifiedTime":1717237910.0,
          "SecondaryStatusTransitions":[
            {"Status":"Starting","StartTime":1717236000.123,"EndTime":1717236095.5,"StatusMessage":"Preparing the instances for training"},
            {"Status":"Downloading","StartTime":1717236095.5,"EndTime":1717236180.0,"StatusMessage":"Downloading input data"},
            {"Status":"Training","StartTime":1717236180.0,"EndTime":1717237850.0,"StatusMessage":"Training image download completed. Training in progress."},
            {"Status":"Uploading","StartTime":1717237850.0,"EndTime":1717237900.25,"StatusMessage":"Uploading generated training model"},
            {"Status":"Completed","StartTime":1717237900.25,"EndTime":1717237900.25,"StatusMessage":"Training job completed"}
          ],
          "EnableNetworkIsolation":false,
          "EnableInterContainerTrafficEncryption":false,
          "EnableManagedSpotTraining":false,
          "TrainingTimeInSeconds":1805,
          "BillableTimeInSeconds":1805,
          "ProfilingStatus":"Disabled"
        }
        """;

    /// <summary>A managed spot job that was interrupted once and resumed from its checkpoints.</summary>
    public const string DescribeTrainingJobSpotCompleted = $$$"""
        {
          "TrainingJobName":"imdb-cnn-3f2a9c0d1e4b5a67",
          "TrainingJobArn":"{{{TrainingJobArn}}}",
          "ModelArtifacts":{"S3ModelArtifacts":"s3://models/imdb-cnn/imdb-cnn-3f2a9c0d1e4b5a67/output/model.tar.gz"},
          "TrainingJobStatus":"Completed",
          "SecondaryStatus":"Completed",
          "AlgorithmSpecification":{"TrainingImage":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/gluonstyletext:1.0","TrainingInputMode":"File"},
          "RoleArn":"arn:aws:iam::123456789012:role/SageMakerRole",
          "ResourceConfig":{"InstanceType":"ml.m5.xlarge","InstanceCount":1,"VolumeSizeInGB":30},
          "StoppingCondition":{"MaxRuntimeInSeconds":7200,"MaxWaitTimeInSeconds":14400},
          "CheckpointConfig":{"S3Uri":"s3://models/imdb-cnn/imdb-cnn-3f2a9c0d1e4b5a67/checkpoints/","LocalPath":"/opt/ml/checkpoints"},
          "CreationTime":1717236000.123,
          "TrainingStartTime":1717236095.5,
          "TrainingEndTime":1717240000.0,
          "LastModifiedTime":1717240010.0,
          "SecondaryStatusTransitions":[
            {"Status":"Starting","StartTime":1717236000.123,"EndTime":1717236095.5,"StatusMessage":"Preparing the instances for training"},
            {"Status":"Training","StartTime":1717236095.5,"EndTime":1717237000.0,"StatusMessage":"Training image download completed. Training in progress."},
            {"Status":"Interrupted","StartTime":1717237000.0,"EndTime":1717238000.0,"StatusMessage":"Training job interrupted due to spot instance interruption"},
            {"Status":"Training","StartTime":1717238000.0,"EndTime":1717239950.0,"StatusMessage":"Training in progress."},
            {"Status":"Completed","StartTime":1717240000.0,"EndTime":1717240000.0,"StatusMessage":"Training job completed"}
          ],
          "EnableNetworkIsolation":true,
          "EnableManagedSpotTraining":true,
          "TrainingTimeInSeconds":3000,
          "BillableTimeInSeconds":900
        }
        """;

    public const string DescribeTrainingJobFailed = $$"""
        {
          "TrainingJobName":"imdb-cnn-3f2a9c0d1e4b5a67",
          "TrainingJobArn":"{{TrainingJobArn}}",
          "ModelArtifacts":{"S3ModelArtifacts":"s3://models/imdb-cnn/imdb-cnn-3f2a9c0d1e4b5a67/output/model.tar.gz"},
          "TrainingJobStatus":"Failed",
          "SecondaryStatus":"Failed",
          "FailureReason":"AlgorithmError: training data has no label column 'sentiment' (train.csv, line 1)",
          "StoppingCondition":{"MaxRuntimeInSeconds":86400},
          "CreationTime":1717236000,
          "LastModifiedTime":1717236300
        }
        """;

    public const string BatchClientExceptionType = "ClientException:http://internal.amazon.com/coral/com.amazonaws.batch.v20160810/";

    public const string BatchClientExceptionBody = """{"message":"Job queue gluonstyletext-predict does not exist."}""";

    public const string SageMakerValidationExceptionBody =
        """{"__type":"com.amazon.coral.validate#ValidationException","Message":"Requested resource not found."}""";

    public const string ThrottlingExceptionBody = """{"__type":"ThrottlingException","message":"Rate exceeded"}""";

    public const string ServiceUnavailableBody = """{"message":"Service Unavailable"}""";
}
