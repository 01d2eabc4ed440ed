namespace WebhookHub.Delivery;

/// <summary>
/// What a receiver asks of WebhookHub in its response's <c>webhook-delivery</c> header (see <see cref="ReceiverDirectives"/>).
/// </summary>
public enum ReceiverDirective
{
    /// <summary>No directive (header absent, empty or unknown).</summary>
    None,

    /// <summary><c>webhook-delivery: disable</c>: disable the subscription; nothing more is sent to it until the tenant re-enables it.</summary>
    Disable,

    /// <summary><c>webhook-delivery: abort-message</c>: stop retrying this delivery (dead-letter it now); no effect on success.</summary>
    AbortMessage,
}

/// <summary>
/// Reads the receiver's delivery-control header. The name and values are Svix's (docs.svix.com/receiving/delivery-control), so
/// a receiver written for Svix or any Standard Webhooks sender that follows it works unchanged:
/// <c>webhook-delivery: disable</c> disables the endpoint, <c>webhook-delivery: abort-message</c> stops retries of the
/// message just sent. Values are case-insensitive; an unknown value is ignored.
/// </summary>
public static class ReceiverDirectives
{
    /// <summary>The response header, <c>webhook-delivery</c>.</summary>
    public const string HeaderName = "webhook-delivery";

    /// <summary>The value that disables the endpoint, <c>disable</c>.</summary>
    public const string Disable = "disable";

    /// <summary>The value that aborts this message, <c>abort-message</c>.</summary>
    public const string AbortMessage = "abort-message";

    /// <summary>Parses the header's values; <see cref="ReceiverDirective.Disable"/> wins over <see cref="ReceiverDirective.AbortMessage"/> when both appear.</summary>
    /// <param name="values">The header's values (several headers or comma-separated lists), or <see langword="null"/> when absent.</param>
    public static ReceiverDirective Parse(IEnumerable<string>? values)
    {
        if (values is null) return ReceiverDirective.None;
        var directive = ReceiverDirective.None;
        foreach (var value in values)
        {
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.Equals(Disable, StringComparison.OrdinalIgnoreCase)) return ReceiverDirective.Disable;
                if (part.Equals(AbortMessage, StringComparison.OrdinalIgnoreCase)) directive = ReceiverDirective.AbortMessage;
            }
        }

        return directive;
    }
}
