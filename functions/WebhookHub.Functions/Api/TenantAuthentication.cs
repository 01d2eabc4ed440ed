using Microsoft.AspNetCore.Http;
using WebhookHub.Functions.Hosting;
using WebhookHub.Tenancy;
using WebhookHub.Tracing;

namespace WebhookHub.Functions.Api;

/// <summary>
/// Endpoint filters for <c>Authorization: Bearer &lt;key&gt;</c>: <see cref="RequireTenant"/> resolves the tenant whose key
/// hashes to the presented one, <see cref="RequireAdmin"/> compares with the admin key in constant time. Both answer 401
/// problem details otherwise.
/// </summary>
internal static class TenantAuthentication
{
    private const string TenantItem = "webhookhub.tenant";

    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var key = BearerKey(context.HttpContext.Request);
            var store = context.HttpContext.RequestServices.GetRequiredService<ITenantStore>();
            var tenant = key is null ? null : await store.FindTenantByApiKeyHashAsync(ApiKeys.Hash(key), context.HttpContext.RequestAborted);
            if (tenant is null) return Unauthorized();
            context.HttpContext.Items[TenantItem] = tenant;
            TraceContext.Tag(tenant.Id);
            return await next(context);
        });

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var key = BearerKey(context.HttpContext.Request);
            var admin = context.HttpContext.RequestServices.GetRequiredService<AdminKey>();
            return key is not null && admin.Matches(key) ? await next(context) : Unauthorized();
        });

    /// <summary>The tenant resolved by <see cref="RequireTenant"/>.</summary>
    public static Tenant Tenant(this HttpContext context) =>
        context.Items[TenantItem] as Tenant ?? throw new InvalidOperationException("The endpoint lacks RequireTenant().");

    private static string? BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private static IResult Unauthorized() =>
        Problems.Create(401, "Unauthorized", "Send 'Authorization: Bearer <api key>' with a valid key.");
}
