namespace WebhookHub.Benchmarks;

/// <summary>Whether the wrk phases run.</summary>
internal enum WrkMode
{
    /// <summary>When <c>wrk</c> is on the PATH.</summary>
    Auto,

    /// <summary>Always; fails when <c>wrk</c> is missing.</summary>
    Always,

    /// <summary>Never.</summary>
    Never,
}
