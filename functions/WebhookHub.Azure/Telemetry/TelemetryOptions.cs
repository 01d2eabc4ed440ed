namespace WebhookHub.Azure.Telemetry;

/// <summary>
/// Application Insights settings, bound from <c>WebhookHub:Telemetry</c>. Telemetry is sent only when the standard
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> setting is present.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebhookHub:Telemetry";

    /// <summary>The standard Application Insights connection string setting.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Whether telemetry is sent with a Microsoft Entra token of the app's identity (required when the Application Insights
    /// resource has local authentication off, as the Bicep deployment sets it).</summary>
    /// <value><see langword="false"/>.</value>
    public bool EntraAuthentication { get; set; }
}
