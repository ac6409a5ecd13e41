using System.Diagnostics;

namespace GluonStyleText.Aws.Tests.Iam;

/// <summary>
/// Every request any <see cref="HttpClient"/> of the process sends while it is subscribed (through
/// System.Net.Http's diagnostic events, which every handler emits): what a component would need
/// from the network and from its role, without knowing which client it might use.
/// </summary>
internal sealed class HttpRequestObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<string> _requests = [];

    public HttpRequestObserver() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "HttpHandlerDiagnosticListener")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "System.Net.Http.Request"
            && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage request)
        {
            lock (_requests)
            {
                _requests.Add($"{request.Method} {request.RequestUri}");
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(subscription => subscription.Dispose());
        }
    }
}
