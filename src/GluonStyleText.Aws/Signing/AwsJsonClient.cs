using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using GluonStyleText.Aws.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GluonStyleText.Aws.Signing;

/// <summary>
/// Sends signed JSON requests to one AWS service and returns the JSON answers: resolves region,
/// endpoint and credentials, signs each attempt afresh, retries throttling and server errors with
/// jittered exponential backoff, and turns error responses into <see cref="AwsApiException"/>.
/// </summary>
internal sealed class AwsJsonClient
{
    // One pooled client for everyone who does not bring their own; the lifetime picks up DNS changes.
    private static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    private readonly AwsService _service;
    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly AWSCredentials? _configuredCredentials;
    private readonly int _maxAttempts;
    private readonly TimeSpan _baseRetryDelay;
    private readonly TimeSpan _maxRetryDelay;
    private readonly Func<DateTime> _utcNow;

    /// <summary>Creates a client; the region is resolved now, so a missing region fails here.</summary>
    public AwsJsonClient(AwsService service, AwsClientOptions options, HttpClient? httpClient, ILogger? logger, Func<DateTime>? utcNow = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this._service = service;
        this._httpClient = httpClient ?? SharedHttpClient;
        this._logger = logger ?? NullLogger.Instance;
        this._utcNow = utcNow ?? (() => DateTime.UtcNow);
        _configuredCredentials = options.Credentials;
        _maxAttempts = options.MaxAttempts;
        _baseRetryDelay = options.BaseRetryDelay;
        _maxRetryDelay = options.MaxRetryDelay;
        Region = AwsRegionResolver.Resolve(options.Region);
        Endpoint = options.ServiceUrl ?? DefaultEndpoint(service, Region);
    }

    /// <summary>The region requests are signed for.</summary>
    public string Region { get; }

    /// <summary>The base URL requests go to.</summary>
    public Uri Endpoint { get; }

    /// <summary>Sends <paramref name="body"/> to <paramref name="operation"/> and returns the parsed answer.</summary>
    /// <exception cref="AwsApiException">The service answered with an error (after retries, if transient).</exception>
    /// <exception cref="HttpRequestException">The service could not be reached, after retries.</exception>
    public async Task<JsonDocument> SendAsync(AwsJsonOperation operation, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(body);
        var bodyBytes = JsonSerializer.SerializeToUtf8Bytes(body);

        for (var attempt = 1; ; attempt++)
        {
            var credentials = await AwsCredentialsResolver.GetAsync(_configuredCredentials, _service.Name, cancellationToken).ConfigureAwait(false);
            using var request = CreateSignedRequest(operation, bodyBytes, credentials);
            string retryReason;
            try
            {
                using var response = await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var responseBytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    AwsClientLog.Succeeded(_logger, _service.Name, operation.Name, attempt);
                    return ParseAnswer(operation, responseBytes);
                }

                var error = AwsErrorResponse.Parse(response, responseBytes);
                if (!AwsRetryPolicy.IsRetryable(error) || attempt >= _maxAttempts)
                {
                    throw new AwsApiException(_service.Name, operation.Name, error.StatusCode, error.ErrorType, error.Message, error.RequestId, attempt);
                }

                retryReason = $"{error.ErrorType}, HTTP {(int)error.StatusCode}";
            }
            catch (HttpRequestException exception) when (attempt < _maxAttempts)
            {
                retryReason = exception.Message;
            }
            catch (HttpRequestException exception)
            {
                throw new HttpRequestException($"{_service.Name} {operation.Name} failed after {attempt} attempt(s): {exception.Message}", exception);
            }
            catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested && attempt < _maxAttempts)
            {
                // HttpClient.Timeout elapsed (the caller did not cancel).
                retryReason = exception.Message;
            }

            var delay = AwsRetryPolicy.GetDelay(attempt, _baseRetryDelay, _maxRetryDelay, Random.Shared.NextDouble());
            AwsClientLog.Retrying(_logger, _service.Name, operation.Name, attempt, _maxAttempts, retryReason, delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage CreateSignedRequest(AwsJsonOperation operation, byte[] body, ImmutableCredentials credentials)
    {
        var requestUri = new Uri(Endpoint, Endpoint.AbsolutePath.TrimEnd('/') + operation.Path);
        var headers = new List<KeyValuePair<string, string>> { new("content-type", _service.ContentType) };
        if (_service.TargetPrefix is not null)
        {
            headers.Add(new("x-amz-target", $"{_service.TargetPrefix}.{operation.Name}"));
        }

        var signature = SigV4Signer.Sign(
            new SigV4Request("POST", requestUri, Uri.UnescapeDataString(requestUri.AbsolutePath), [], headers, body),
            credentials,
            Region,
            _service.SigningName,
            _utcNow());

        var content = new ByteArrayContent(body);
        var request = new HttpRequestMessage(HttpMethod.Post, requestUri) { Content = content };
        foreach (var (name, value) in signature.SignedHeaders)
        {
            if (name == "host")
            {
                request.Headers.Host = value;
            }
            else if (name.StartsWith("content-", StringComparison.Ordinal))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return request;
    }

    private JsonDocument ParseAnswer(AwsJsonOperation operation, byte[] responseBytes)
    {
        // StopTrainingJob and similar operations answer with an empty body.
        if (responseBytes.Length == 0)
        {
            return JsonDocument.Parse("{}");
        }

        try
        {
            return JsonDocument.Parse(responseBytes);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{_service.Name} {operation.Name} answered with a body that is not JSON: {exception.Message}", exception);
        }
    }

    private static Uri DefaultEndpoint(AwsService service, string region)
    {
        // The partition's DNS suffix differs in China (amazonaws.com.cn) and other partitions.
        var dnsSuffix = RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix;
        return new Uri($"https://{service.EndpointPrefix}.{region}.{dnsSuffix}/");
    }
}
