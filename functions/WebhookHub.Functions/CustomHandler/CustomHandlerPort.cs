using System.Globalization;

namespace WebhookHub.Functions.CustomHandler;

/// <summary>
/// The port the Azure Functions host gives its custom handler in <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>; see
/// learn.microsoft.com/azure/azure-functions/functions-custom-handlers ("the web server must listen on the port the host sets").
/// </summary>
internal static class CustomHandlerPort
{
    /// <summary>The environment variable (also read as a configuration key, so <c>--FUNCTIONS_CUSTOMHANDLER_PORT=…</c> works too).</summary>
    public const string VariableName = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The URL to listen on, <c>http://127.0.0.1:{port}</c>, or <see langword="null"/> when not started by the Functions host.</summary>
    /// <exception cref="InvalidOperationException">The variable is set but is not a port number from 1 to 65535.</exception>
    public static string? ListenUrl(IConfiguration configuration)
    {
        var value = configuration[VariableName];
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{VariableName} must be a port number from 1 to 65535; got '{value}'.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
    }
}
