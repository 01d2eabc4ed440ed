using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using WebhookHub.Functions.Hosting;

namespace WebhookHub.Functions.Ingest;

/// <summary>
/// Honours <c>X-Forwarded-Proto</c>/<c>-Host</c>/<c>-For</c> only from the proxies in <see cref="WebhookHubOptions.TrustedProxies"/>,
/// using ASP.NET Core's forwarded-headers middleware with its default trust (loopback) replaced by the configured list.
/// </summary>
internal static class TrustedProxies
{
    /// <summary>Adds the middleware when proxies are configured; with none it stays out, because its empty lists would trust everyone.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (Configured(app.Configuration).Length > 0) app.UseForwardedHeaders();
        return app;
    }

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Configured(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) options.KnownIPNetworks.Add(Parse(proxy));
        });
        return services;
    }

    private static string[] Configured(IConfiguration configuration) =>
        configuration.GetSection($"{WebhookHubOptions.SectionName}:{nameof(WebhookHubOptions.TrustedProxies)}").Get<string[]>() ?? [];

    /// <summary>Parses <c>10.0.0.1</c> or <c>10.0.0.0/8</c>.</summary>
    /// <exception cref="InvalidOperationException">The entry is neither (start-up fails with the setting's name).</exception>
    private static System.Net.IPNetwork Parse(string proxy)
    {
        if (System.Net.IPNetwork.TryParse(proxy, out var network)) return network;
        if (IPAddress.TryParse(proxy, out var address)) return new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8);
        throw new InvalidOperationException($"{WebhookHubOptions.SectionName}:{nameof(WebhookHubOptions.TrustedProxies)} entry '{proxy}' is not an IP address or CIDR network.");
    }
}
