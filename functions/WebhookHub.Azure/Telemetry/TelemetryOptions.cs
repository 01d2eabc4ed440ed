namespace WebhookHub.Azure.Telemetry;

/// <summary>
/// Application Insights settings, bound from <c>WebhookHub:Telemetry</c> (environment: <c>WebhookHub__Telemetry__Name</c>).
/// Telemetry is sent only when the standard <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> setting is present.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebhookHub:Telemetry";

    /// <summary>The standard Application Insights connection string setting.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Whether telemetry is sent with a Microsoft Entra token of the app's identity (required when the Application Insights
    /// resource has local authentication off, as the Bicep deployment sets it; the identity needs Monitoring Metrics Publisher).
    /// See learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication.</summary>
    /// <value><see langword="false"/>.</value>
    public bool EntraAuthentication { get; set; }

    /// <summary>The cloud role name every telemetry item carries (<c>cloud_RoleName</c>, the node name on the application map):
    /// <c>WebhookHub</c>.</summary>
    public const string CloudRoleName = "WebhookHub";
}
