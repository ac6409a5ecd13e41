using System.Text.Json;
using GluonStyleText.Aws.Batch;
using GluonStyleText.Aws.Lambda;
using GluonStyleText.Aws.Tests.Infrastructure;

namespace GluonStyleText.Aws.Tests.Lambda;

public sealed class S3UploadHandlerTests
{
    private const string PredictBucket = "gst-predict-123456789012-eu-west-1";

    private readonly FakeBatchJobs _batch = new();
    private readonly StringWriter _log = new();
    private readonly S3UploadHandler _handler;

    public S3UploadHandlerTests()
    {
        _handler = new S3UploadHandler(_batch, new S3UploadHandlerSettings { JobQueue = "queue-arn", JobDefinition = "jobdef-arn", PredictBucket = PredictBucket }, _log);
    }

    [Theory]
    [InlineData("my.csv", "my.csv")]
    [InlineData("red+flower.csv", "red flower.csv")]
    [InlineData("a%2Bb%3Dc.csv", "a+b=c.csv")]
    [InlineData("reviews%E2%80%A6.csv", "reviews….csv")]
    [InlineData("incoming/claims+%282024%29/%C3%A9t%C3%A9.csv", "incoming/claims (2024)/été.csv")]
    [InlineData("100%25+sure.csv", "100% sure.csv")]
    public async Task Submits_one_job_with_the_form_decoded_key(string encodedKey, string key)
    {
        var response = await _handler.ProcessAsync(S3Events.Stream(S3Events.Json(("ObjectCreated:Put", PredictBucket, encodedKey, "9b2cf535f27731c974343645a3985328"))));

        var request = Assert.Single(_batch.Submitted);
        Assert.Equal("queue-arn", request.JobQueue);
        Assert.Equal("jobdef-arn", request.JobDefinition);
        Assert.Equal(new Dictionary<string, string> { ["bucket"] = PredictBucket, ["key"] = key, ["etag"] = "9b2cf535f27731c974343645a3985328" }, request.Parameters);
        Assert.Equal(S3UploadHandler.JobName(PredictBucket, key, "9b2cf535f27731c974343645a3985328"), request.JobName);
        Assert.True(BatchJobNames.IsValid(request.JobName), request.JobName);
        Assert.StartsWith("predict-", request.JobName, StringComparison.Ordinal);
        var submitted = Assert.Single(response.Submitted);
        Assert.Equal((key, "job-1"), (submitted.Key, submitted.JobId));
        Assert.Empty(response.Ignored);
    }

    [Theory]
    [InlineData("ObjectCreated:Put", PredictBucket, "notes.txt", "not a .csv file")]
    [InlineData("ObjectCreated:Put", PredictBucket, "folder/", "not a .csv file")]
    [InlineData("ObjectCreated:Put", "some-other-bucket", "my.csv", "bucket 'some-other-bucket' is not the predict bucket")]
    [InlineData("ObjectRemoved:Delete", PredictBucket, "my.csv", "not an object creation (ObjectRemoved:Delete)")]
    [InlineData("ObjectCreated:Put", PredictBucket, "my_output.csv", "a prediction output")]
    public async Task Ignores_other_objects_buckets_and_events(string eventName, string bucket, string key, string reason)
    {
        var response = await _handler.ProcessAsync(S3Events.Stream(S3Events.Json((eventName, bucket, key, "e"))));

        Assert.Empty(_batch.Submitted);
        Assert.Empty(response.Submitted);
        var ignored = Assert.Single(response.Ignored);
        Assert.Equal((bucket, key, eventName), (ignored.Bucket, ignored.Key, ignored.EventName));
        Assert.Contains(reason, ignored.Reason, StringComparison.Ordinal);
        Assert.Contains("\"message\":\"ignored\"", _log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ObjectCreated:CompleteMultipartUpload", "BIG.CSV")]
    [InlineData("ObjectCreated:Copy", "copied.Csv")]
    public async Task Accepts_every_creation_event_and_any_case_of_the_extension(string eventName, string key)
    {
        await _handler.ProcessAsync(S3Events.Stream(S3Events.Json((eventName, PredictBucket, key, "e"))));

        Assert.Equal(key, Assert.Single(_batch.Submitted).Parameters["key"]);
    }

    [Fact]
    public async Task A_duplicate_event_gives_the_same_job_name_and_a_new_upload_another()
    {
        var json = S3Events.Json(("ObjectCreated:Put", PredictBucket, "my+reviews.csv", "etag-1"));

        await _handler.ProcessAsync(S3Events.Stream(json));
        await _handler.ProcessAsync(S3Events.Stream(json));
        await _handler.ProcessAsync(S3Events.Stream(S3Events.Json(("ObjectCreated:Put", PredictBucket, "my+reviews.csv", "etag-2"))));

        Assert.Equal(3, _batch.Submitted.Count);
        Assert.Equal(_batch.Submitted[0].JobName, _batch.Submitted[1].JobName);
        Assert.NotEqual(_batch.Submitted[0].JobName, _batch.Submitted[2].JobName);
    }

    [Fact]
    public async Task Handles_each_record_of_an_event_in_order()
    {
        var json = S3Events.Json(
            ("ObjectCreated:Put", PredictBucket, "a.csv", "1"),
            ("ObjectCreated:Put", PredictBucket, "b.txt", "2"),
            ("ObjectCreated:Put", PredictBucket, "c.csv", "3"));

        var response = await _handler.ProcessAsync(S3Events.Stream(json));

        Assert.Equal(["a.csv", "c.csv"], _batch.Submitted.Select(r => r.Parameters["key"]));
        Assert.Equal(["a.csv", "c.csv"], response.Submitted.Select(s => s.Key));
        Assert.Equal("b.txt", Assert.Single(response.Ignored).Key);
    }

    [Fact]
    public async Task HandleAsync_returns_the_response_as_json_and_logs_one_json_line_per_action()
    {
        var json = S3Events.Json(("ObjectCreated:Put", PredictBucket, "my+reviews.csv", "abc"), ("ObjectCreated:Put", PredictBucket, "x.txt", "def"));

        using var output = await _handler.HandleAsync(S3Events.Stream(json));

        using var document = await JsonDocument.ParseAsync(output);
        var submitted = Assert.Single(document.RootElement.GetProperty("submitted").EnumerateArray());
        Assert.Equal("my reviews.csv", submitted.GetProperty("key").GetString());
        Assert.Equal("abc", submitted.GetProperty("eTag").GetString());
        Assert.Equal(_batch.Submitted[0].JobName, submitted.GetProperty("jobName").GetString());
        Assert.Equal("job-1", submitted.GetProperty("jobId").GetString());
        Assert.Equal("x.txt", Assert.Single(document.RootElement.GetProperty("ignored").EnumerateArray()).GetProperty("key").GetString());

        var lines = _log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("INFO", first.RootElement.GetProperty("level").GetString());
        Assert.Equal("submitted", first.RootElement.GetProperty("message").GetString());
        Assert.Equal("my reviews.csv", first.RootElement.GetProperty("key").GetString());
        Assert.Equal("job-1", first.RootElement.GetProperty("jobId").GetString());
    }

    [Fact]
    public async Task From_the_upload_queue_a_failed_message_is_reported_for_redelivery_and_the_others_submitted()
    {
        _batch.Failure = new InvalidOperationException("Batch said no");
        _batch.FailWhen = request => request.Parameters["key"] == "b.csv";
        var json = S3Events.Sqs(
            ("m-1", S3Events.Json(("ObjectCreated:Put", PredictBucket, "a.csv", "1"))),
            ("m-2", S3Events.Json(("ObjectCreated:Put", PredictBucket, "b.csv", "2"))),
            ("m-3", "not an S3 event"),
            ("m-4", S3Events.Json(("ObjectCreated:Put", PredictBucket, "notes.txt", "4"))));

        using var response = JsonDocument.Parse(await _handler.HandleAsync(S3Events.Stream(json)));

        Assert.Equal(["a.csv"], _batch.Submitted.Select(r => r.Parameters["key"]));
        Assert.Equal(["m-2", "m-3"], response.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
        Assert.Equal("notes.txt", Assert.Single(response.RootElement.GetProperty("ignored").EnumerateArray()).GetProperty("key").GetString());
        Assert.Contains("\"message\":\"message failed, left on the queue\",\"messageId\":\"m-2\"", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3s_test_event_through_the_queue_is_acknowledged()
    {
        var json = S3Events.Sqs(("m-1", "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-05-01T10:00:00.000Z\",\"Bucket\":\"b\"}"));

        var response = await _handler.ProcessAsync(S3Events.Stream(json));

        Assert.Empty(response.BatchItemFailures);
        Assert.Empty(_batch.Submitted);
    }

    [Theory]
    [InlineData("a/../b.csv", "key has a '..' path segment")]
    [InlineData("./b.csv", "key has a '.' path segment")]
    [InlineData("bell%07.csv", "key has control character U+0007")]
    [InlineData("line%0Abreak.csv", "key has control character U+000A")]
    [InlineData("invoice%E2%80%AEvsc.csv", "key has bidirectional formatting character U+202E")]
    [InlineData("isolate%E2%81%A6.csv", "key has bidirectional formatting character U+2066")]
    public async Task Keys_a_job_cannot_handle_safely_are_ignored_with_the_reason_logged(string encodedKey, string reason)
    {
        var response = await _handler.ProcessAsync(S3Events.Stream(S3Events.Json(("ObjectCreated:Put", PredictBucket, encodedKey, "e"))));

        Assert.Empty(_batch.Submitted);
        Assert.Equal(reason, Assert.Single(response.Ignored).Reason);
        using var line = JsonDocument.Parse(_log.ToString().Trim());
        Assert.Equal(("ignored", reason), (line.RootElement.GetProperty("message").GetString(), line.RootElement.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_key_is_accepted_while_its_longest_result_key_fits_S3s_1024_bytes()
    {
        // The manifest key replaces ".csv" with "_output.manifest.json" (21 bytes); é is 2 bytes in UTF-8.
        var longest = new string('é', 501) + "a.csv";
        var tooLong = "x" + longest;

        var accepted = await _handler.ProcessAsync(S3Events.Stream(S3Events.Json(("ObjectCreated:Put", PredictBucket, Uri.EscapeDataString(longest), "e"))));
        var refused = await _handler.ProcessAsync(S3Events.Stream(S3Events.Json(("ObjectCreated:Put", PredictBucket, Uri.EscapeDataString(tooLong), "e"))));

        Assert.Equal(1024, System.Text.Encoding.UTF8.GetByteCount(BatchPredictionJobOutputNames.ManifestKey(longest)));
        Assert.Single(accepted.Submitted);
        Assert.StartsWith("key too long: its result key", Assert.Single(refused.Ignored).Reason, StringComparison.Ordinal);
        Assert.Contains("would be 1025 UTF-8 bytes, over S3's 1024; shorten the key by 1 bytes", refused.Ignored[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_submission_is_logged_and_rethrown_so_that_Lambda_retries()
    {
        var failure = new InvalidOperationException("Batch said no");
        _batch.Failure = failure;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _handler.HandleAsync(S3Events.Stream(S3Events.Json(("ObjectCreated:Put", PredictBucket, "my.csv", "e")))));

        Assert.Same(failure, thrown);
        using var line = JsonDocument.Parse(_log.ToString().Trim());
        Assert.Equal("ERROR", line.RootElement.GetProperty("level").GetString());
        Assert.Equal("submit failed", line.RootElement.GetProperty("message").GetString());
        Assert.Equal("Batch said no", line.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("{\"Records\": [", "malformed JSON at line 1")]
    [InlineData("[1, 2]", "expected a JSON object, got array")]
    [InlineData("{\"detail\": {}}", "it has no \"Records\" array")]
    [InlineData("{\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"s3\": {\"bucket\": {\"name\": \"b\"}, \"object\": {}}}]}", "S3 event record 0: \"s3.object.key\" is missing")]
    [InlineData("{\"Records\": [{\"s3\": {\"bucket\": {\"name\": \"b\"}, \"object\": {\"key\": \"k.csv\"}}}]}", "S3 event record 0: \"eventName\" is missing")]
    public async Task Malformed_input_fails_with_a_message_saying_what_is_wrong(string json, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _handler.HandleAsync(S3Events.Stream(json)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_batch.Submitted);
        Assert.Contains("\"level\":\"ERROR\"", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3s_test_event_is_acknowledged_without_jobs()
    {
        const string TestEvent = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-05-01T10:00:00.000Z\",\"Bucket\":\"b\",\"RequestId\":\"r\",\"HostId\":\"h\"}";

        var response = await _handler.ProcessAsync(S3Events.Stream(TestEvent));

        Assert.Empty(response.Submitted);
        Assert.Empty(response.Ignored);
        Assert.Empty(_batch.Submitted);
    }

    [Fact]
    public void Settings_from_the_environment_name_a_missing_variable()
    {
        var environment = new Dictionary<string, string> { ["JOB_QUEUE"] = "q", ["JOB_DEFINITION"] = "d", ["PREDICT_BUCKET"] = "p-bucket" };
        var settings = S3UploadHandlerSettings.FromEnvironment(environment.GetValueOrDefault);
        environment.Remove("JOB_DEFINITION");

        var error = Assert.Throws<InvalidOperationException>(() => S3UploadHandlerSettings.FromEnvironment(environment.GetValueOrDefault));

        Assert.Equal(("q", "d", "p-bucket"), (settings.JobQueue, settings.JobDefinition, settings.PredictBucket));
        Assert.Contains("JOB_DEFINITION is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Lambda_runtime_finds_the_handler_it_is_configured_with()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.TemplateFile));
        var handlerString = template.RootElement.GetProperty("Resources").GetProperty("UploadFunction").GetProperty("Properties").GetProperty("Handler").GetString()!;
        var parts = handlerString.Split("::");

        var type = typeof(UploadFunction);
        Assert.Equal(parts[0], type.Assembly.GetName().Name);
        Assert.Equal(parts[1], type.FullName);
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        var method = Assert.Single(type.GetMethods(), m => m.Name == parts[2]);
        Assert.Equal(typeof(Task<Stream>), method.ReturnType);
        Assert.Equal([typeof(Stream)], method.GetParameters().Select(p => p.ParameterType));
    }
}
