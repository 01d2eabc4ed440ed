namespace WebhookHub.Functions.Workers;

/// <summary>Wakes a waiting worker early: <see cref="Set"/> completes the current or next wait (<see cref="WaitAsync(TimeSpan, TimeProvider, CancellationToken)"/>). Thread-safe.</summary>
internal sealed class WorkSignal
{
    private TaskCompletionSource _signal = NewSource();

    public void Set() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Waits until <see cref="Set"/> is called or <paramref name="timeout"/> passes on <paramref name="timeProvider"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _signal);
        if (!current.Task.IsCompleted)
        {
            using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, timeProvider, delayCancellation.Token);
            await Task.WhenAny(current.Task, delay).ConfigureAwait(false);
            delayCancellation.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        Interlocked.CompareExchange(ref _signal, NewSource(), current);
    }

    /// <summary>
    /// Waits until <see cref="Set"/> is called or <paramref name="timeout"/> completes. Start the timeout before reading the
    /// clock for the work it guards: a clock that moves in between (a test's fake clock) then still ends the wait.
    /// </summary>
    public async Task WaitAsync(Task timeout, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _signal);
        if (!current.Task.IsCompleted)
        {
            await Task.WhenAny(current.Task, timeout).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        Interlocked.CompareExchange(ref _signal, NewSource(), current);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
