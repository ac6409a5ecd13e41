namespace GluonStyleText.Aws.Tests.Contracts;

/// <summary>Checks a captured request against an API model: body, HTTP binding, protocol headers, host and signing scope.</summary>
internal static class ContractAssert
{
    public static void RequestMatchesModel(ApiModel model, string operationName, CapturedRequest request)
    {
        var operation = model.Operation(operationName);
        Assert.Equal(operation.Method, request.Method.Method);
        Assert.Equal(operation.RequestUri, request.Uri.AbsolutePath);
        Assert.Equal(string.Empty, request.Uri.Query);

        var violations = model.Validate(request.BodyJson, operation.InputShape!);
        Assert.True(violations.Count == 0, $"{operationName} body breaks the API model:\n{string.Join("\n", violations)}\nBody: {request.BodyJson.ToJsonString()}");

        var protocol = model.MetadataString("protocol");
        if (protocol == "json")
        {
            Assert.Equal($"{model.MetadataString("targetPrefix")}.{operationName}", request.Header("X-Amz-Target"));
            Assert.Equal($"application/x-amz-json-{model.MetadataString("jsonVersion")}", request.Header("Content-Type"));
        }
        else
        {
            Assert.Equal("rest-json", protocol);
            Assert.False(request.Headers.ContainsKey("X-Amz-Target"), "rest-json requests carry no X-Amz-Target");
            Assert.Equal("application/json", request.Header("Content-Type"));
        }

        var endpointPrefix = model.MetadataString("endpointPrefix");
        var signingName = model.Metadata["signingName"]?.GetValue<string>() ?? endpointPrefix;
        Assert.Equal($"{endpointPrefix}.{TestClients.Region}.amazonaws.com", request.Uri.Host);
        Assert.Equal(request.Uri.Host, request.Header("Host"));
        Assert.Contains($"/{TestClients.Region}/{signingName}/aws4_request,", request.Header("Authorization"), StringComparison.Ordinal);
    }
}
