using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.Extensibility;

namespace WebhookHub.Azure.Telemetry;

/// <summary>Gives every telemetry item <see cref="TelemetryOptions.CloudRoleName"/> as its cloud role name unless it has one.</summary>
internal sealed class CloudRoleNameInitializer : ITelemetryInitializer
{
    /// <inheritdoc/>
    public void Initialize(ITelemetry telemetry)
    {
        if (string.IsNullOrEmpty(telemetry.Context.Cloud.RoleName)) telemetry.Context.Cloud.RoleName = TelemetryOptions.CloudRoleName;
    }
}
