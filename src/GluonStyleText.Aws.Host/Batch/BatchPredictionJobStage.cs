namespace GluonStyleText.Aws.Host.Batch;

/// <summary>The steps of a batch prediction job, in order.</summary>
public enum BatchPredictionJobStage
{
    /// <summary>Fetching the model bundle (or finding it in the local cache) and loading it.</summary>
    LoadingModel,

    /// <summary>Downloading the CSV file to classify.</summary>
    DownloadingInput,

    /// <summary>Classifying rows.</summary>
    Predicting,

    /// <summary>Uploading the output, then the manifest.</summary>
    Uploading,

    /// <summary>Finished: the output and manifest are in the results bucket.</summary>
    Done,
}
