namespace WebhookHub.Tests.Support;

/// <summary>Every await in a test gets a timeout, so a broken test fails instead of hanging.</summary>
public static class TaskTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(Default);

    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(Default);

    /// <summary>Polls <paramref name="condition"/> every 20 ms (real time) until true, failing after <paramref name="timeout"/>.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {because}.");
            await Task.Delay(20);
        }
    }
}
