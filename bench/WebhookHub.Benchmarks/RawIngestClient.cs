using System.Collections.Concurrent;
using System.Net.Sockets;

namespace WebhookHub.Benchmarks;

/// <summary>
/// A pool of at most <c>connections</c> <see cref="RawConnection"/>s, opened on demand; callers beyond that wait (FIFO) for a
/// free one, as with <see cref="SocketsHttpHandler.MaxConnectionsPerServer"/>. A failed connection is dropped and replaced.
/// </summary>
internal sealed class RawIngestClient(IngestTarget target, int connections) : IIngestClient
{
    private readonly RawRequestTemplate _template = new(target);
    private readonly SemaphoreSlim _slots = new(connections, connections);
    private readonly ConcurrentQueue<RawConnection> _idle = new();

    public async Task<int> SendAsync()
    {
        await _slots.WaitAsync().ConfigureAwait(false);
        RawConnection? connection = null;
        try
        {
            if (!_idle.TryDequeue(out connection)) connection = await RawConnection.OpenAsync(_template).ConfigureAwait(false);
            var status = await connection.SendAsync(target.SuccessMarker).ConfigureAwait(false);
            if (connection.Reusable)
            {
                _idle.Enqueue(connection);
                connection = null;
            }

            return status;
        }
        catch (Exception exception) when (exception is SocketException or IOException or InvalidDataException or OperationCanceledException)
        {
            return SendStatus.TransportError;
        }
        finally
        {
            connection?.Dispose();
            _slots.Release();
        }
    }

    public void Dispose()
    {
        while (_idle.TryDequeue(out var connection)) connection.Dispose();
        _slots.Dispose();
    }
}
