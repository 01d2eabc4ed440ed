using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// What the sender and receivers share: the namespace endpoint, the Azure.Core pipeline (retry, then authentication per attempt),
/// and the mapping of failures to <see cref="ServiceBusRequestException"/>.
/// </summary>
internal sealed class ServiceBusRestClient
{
    private readonly HttpPipeline _pipeline;
    private readonly string? _sharedAccessKey;

    public ServiceBusRestClient(Uri endpoint, HttpPipelinePolicy authentication, ServiceBusClientOptions options, string? sharedAccessKey)
    {
        if (options.MaxBatchSizeInBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxBatchSizeInBytes, $"MaxBatchSizeInBytes must be at least 1024 bytes; it is {options.MaxBatchSizeInBytes} bytes.");
        }

        Endpoint = endpoint;
        MaxBatchSizeInBytes = options.MaxBatchSizeInBytes;
        NetworkTimeout = options.Retry.NetworkTimeout;
        _sharedAccessKey = sharedAccessKey;
        _pipeline = HttpPipelineBuilder.Build(options, [], [authentication], new ResponseClassifier());
    }

    /// <summary>The namespace endpoint, <c>https://{ns}.servicebus.windows.net/</c>.</summary>
    public Uri Endpoint { get; }

    public int MaxBatchSizeInBytes { get; }

    /// <summary>The per-attempt network timeout of the pipeline (Azure.Core's <see cref="RetryOptions.NetworkTimeout"/>).</summary>
    public TimeSpan NetworkTimeout { get; }

    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        return message;
    }

    /// <summary>Sends <paramref name="message"/> through the pipeline and returns its 2xx response.</summary>
    /// <exception cref="ServiceBusRequestException">A non-2xx answer (after retries), or no answer.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<Response> SendAsync(HttpMessage message, string entityPath, string operation, CancellationToken ct)
    {
        try
        {
            await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 0)
        {
            throw Unreachable(entityPath, operation, e);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0 && e.InnerExceptions[^1] is RequestFailedException { Status: 0 } last)
        {
            // Azure.Core's retry policy gives up on transport failures with an AggregateException of every attempt's failure.
            throw Unreachable(entityPath, operation, last, e.InnerExceptions.Count);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ServiceBusRequestException(0, entityPath, $"Service Bus did not answer in time to {operation} on '{entityPath}'.", e);
        }

        var response = message.Response;
        if (response.Status is < 200 or > 299) throw ToException(response, entityPath, operation);
        return response;
    }

    /// <summary>The exception for a non-2xx answer: status, reason, entity, and the service's error detail with anything that
    /// looks like a credential removed.</summary>
    public ServiceBusRequestException ToException(Response response, string entityPath, string operation) =>
        new(response.Status, entityPath, $"Service Bus answered {response.Status}{(string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " (" + response.ReasonPhrase + ")")} to {operation} on '{entityPath}'{Detail(response)}.");

    private ServiceBusRequestException Unreachable(string entityPath, string operation, RequestFailedException failure, int attempts = 1) =>
        new(0, entityPath,
            $"Service Bus could not be reached to {operation} on '{entityPath}'{(attempts > 1 ? $" in {attempts} attempts" : "")} ({Redact(failure.InnerException?.Message ?? failure.Message)}).",
            failure.InnerException ?? failure);

    /// <summary>An exception for a response that breaks the documented contract.</summary>
    public static ServiceBusRequestException ContractViolation(Response response, string entityPath, string operation, string problem) =>
        new(response.Status, entityPath, $"Service Bus's answer to {operation} on '{entityPath}' is not as documented: {problem}.");

    private string Detail(Response response)
    {
        var body = response.Content?.ToString();
        if (string.IsNullOrWhiteSpace(body)) return "";
        var detail = ErrorBody.Detail(body);
        if (detail.Length > 400) detail = detail[..400] + "…";
        return ": " + Redact(detail);
    }

    private string Redact(string text)
    {
        var redacted = SecretRedaction.Redact(text);
        return _sharedAccessKey is null ? redacted : redacted.Replace(_sharedAccessKey, "[redacted]", StringComparison.Ordinal);
    }
}
