using System.Net.Sockets;

namespace WebhookHub.Benchmarks;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends the pre-formatted request (fresh delivery GUID written in place) and reads
/// one response. Not thread-safe: one request at a time, no pipelining.
/// </summary>
internal sealed class RawConnection : IDisposable
{
    private const int ResponseBufferBytes = 16 * 1024;

    private readonly Socket _socket;
    private readonly byte[] _request;
    private readonly int _deliveryIdOffset;
    private readonly byte[] _response = new byte[ResponseBufferBytes];
    private readonly CancellationTokenSource _timeout = new();

    private RawConnection(Socket socket, RawRequestTemplate template)
    {
        _socket = socket;
        _request = (byte[])template.Bytes.Clone();
        _deliveryIdOffset = template.DeliveryIdOffset;
    }

    /// <summary><see langword="false"/> once the server asked to close, or a request failed half-way.</summary>
    public bool Reusable { get; private set; } = true;

    /// <exception cref="SocketException">The connection failed.</exception>
    public static async Task<RawConnection> OpenAsync(RawRequestTemplate template)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(template.Host, template.Port).ConfigureAwait(false);
            return new RawConnection(socket, template);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one request and reads its response; returns the status, or <see cref="SendStatus.UnexpectedBody"/>.</summary>
    /// <exception cref="IOException">The server closed the connection early.</exception>
    /// <exception cref="SocketException">The connection failed.</exception>
    /// <exception cref="InvalidDataException">The response was malformed or too large.</exception>
    /// <exception cref="OperationCanceledException">No full response within the request timeout.</exception>
    public async Task<int> SendAsync(byte[]? successMarker)
    {
        Reusable = false;
        Guid.NewGuid().TryFormat(_request.AsSpan(_deliveryIdOffset, RawRequestTemplate.DeliveryIdLength), out _);
        _timeout.CancelAfter(BenchmarkDefaults.RequestTimeout);
        var cancellationToken = _timeout.Token;

        for (var sent = 0; sent < _request.Length;)
        {
            sent += await _socket.SendAsync(_request.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        var received = 0;
        while (true)
        {
            if (received == _response.Length) throw new InvalidDataException($"Response larger than {ResponseBufferBytes} bytes.");
            var read = await _socket.ReceiveAsync(_response.AsMemory(received), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0) throw new IOException("The server closed the connection before a full response.");
            received += read;
            if (!Http1Response.TryParse(_response.AsSpan(0, received), out var status, out var body, out var length, out var close)) continue;

            // Anything after the response would be a second, unrequested one: treat as a broken connection.
            Reusable = !close && length == received && _timeout.TryReset();
            if (status == 200 && successMarker is not null && _response.AsSpan(0, received)[body].IndexOf(successMarker) < 0)
            {
                return SendStatus.UnexpectedBody;
            }

            return status;
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _timeout.Dispose();
    }
}
