using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GluonStyleText.Samples.Tests;

/// <summary>
/// Serves one file over HTTP on 127.0.0.1, honouring <c>Range: bytes=N-</c> unless told not to, and
/// records every request's Range header.
/// </summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly byte[] _content;
    private readonly bool _supportsRanges;
    private readonly HttpStatusCode? _failWith;
    private readonly ConcurrentQueue<string?> _rangeHeaders = new();

    public LoopbackFileServer(byte[] content, bool supportsRanges = true, HttpStatusCode? failWith = null)
    {
        this._content = content;
        this._supportsRanges = supportsRanges;
        this._failWith = failWith;
        (_listener, Uri) = StartOnFreePort();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Uri { get; }

    /// <summary>The Range header of each request so far (null when it had none).</summary>
    public IReadOnlyList<string?> RangeHeaders => [.. _rangeHeaders];

    public int RequestCount => _rangeHeaders.Count;

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by its GetContextAsync failing once the listener is closed.
        }
    }

    private static (HttpListener Listener, Uri Uri) StartOnFreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            var prefix = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return (listener, new Uri(prefix + "data/aclImdb_v1.tar.gz"));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the probe and Start: try another one.
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await RespondAsync(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away (a cancelled download): nothing to do.
            }
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var range = context.Request.Headers["Range"];
        _rangeHeaders.Enqueue(range);
        using var response = context.Response;
        if (_failWith is { } status)
        {
            response.StatusCode = (int)status;
            return;
        }

        var offset = 0;
        if (_supportsRanges && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            offset = int.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
            if (offset >= _content.Length)
            {
                response.StatusCode = (int)HttpStatusCode.RequestedRangeNotSatisfiable;
                response.AddHeader("Content-Range", $"bytes */{_content.Length}");
                return;
            }

            response.StatusCode = (int)HttpStatusCode.PartialContent;
            response.AddHeader("Content-Range", $"bytes {offset}-{_content.Length - 1}/{_content.Length}");
        }

        response.ContentType = "application/x-gzip";
        response.ContentLength64 = _content.Length - offset;
        await response.OutputStream.WriteAsync(_content.AsMemory(offset));
    }
}
