using Microsoft.AspNetCore.Http.HttpResults;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary><c>POST /api/tenants</c> (admin key): creates a tenant and returns its API key once.</summary>
internal static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/tenants", CreateAsync).RequireAdmin();
        return routes;
    }

    public static async Task<Results<Created<TenantCreatedResponse>, ValidationProblem>> CreateAsync(
        CreateTenantRequest request, ITenantStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name of 1 to 200 characters is required."] });
        }

        var tenant = new Tenant(ApiKeys.NewId("ten"), name, timeProvider.GetUtcNow());
        var apiKey = ApiKeys.Create();
        await store.CreateTenantAsync(tenant, ApiKeys.Hash(apiKey), cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenant.Id}", new TenantCreatedResponse(tenant.Id, tenant.Name, apiKey, tenant.CreatedAt));
    }
}
