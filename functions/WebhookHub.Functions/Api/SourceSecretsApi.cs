using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WebhookHub.Functions.Hosting;
using WebhookHub.Ingestion;
using WebhookHub.Providers;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary>
/// Secret rotation for sources (tenant key): <c>POST /api/sources/{id}/secrets</c> adds one,
/// <c>POST /api/sources/{id}/secrets/{secretId}/expire</c> sets when one stops verifying, <c>DELETE</c> removes one.
/// Typical rotation: add the new secret, switch the provider to it, expire the old one after an overlap.
/// Each change takes effect on this instance at once (the source cache is invalidated).
/// </summary>
internal static class SourceSecretsApi
{
    /// <summary>The most secrets, active or expired, one source keeps: 10.</summary>
    public const int MaxSecrets = 10;

    public static IEndpointRouteBuilder MapSourceSecretsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sources/{id}/secrets").RequireTenant();
        group.MapPost("", AddAsync);
        group.MapPost("{secretId}/expire", ExpireAsync);
        group.MapDelete("{secretId}", DeleteAsync);
        return routes;
    }

    public static async Task<Results<Created<SourceResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(
        string id, AddSecretRequest request, HttpContext context, ITenantStore store, ProviderCatalog catalog, SourceDirectory directory,
        IOptions<WebhookHubOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var source = await FindAsync(id, context, store, cancellationToken);
        if (source is null) return Problems.NotFound("source");

        var now = timeProvider.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Secret) || request.Secret.Length > 1024) errors["secret"] = ["A non-empty secret of at most 1024 characters is required."];
        else ProviderValidation.Check(errors, "secret", () => catalog.ValidateSecret(source.Provider, request.Secret));
        if (request.ExpiresAt is { } expiry && expiry <= now) errors["expiresAt"] = ["expiresAt must be in the future."];
        if (source.Secrets.Count >= MaxSecrets) errors["secret"] = [$"A source keeps at most {MaxSecrets} secrets; delete an expired one first."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var updated = source with { Secrets = [.. source.Secrets, new SourceSecret(ApiKeys.NewId("sec"), request.Secret!, now, request.ExpiresAt)] };
        return await SaveAsync(updated, context, store, directory, options.Value, now, cancellationToken) is { } saved
            ? TypedResults.Created($"/api/sources/{id}", saved)
            : Problems.NotFound("source");
    }

    public static async Task<Results<Ok<SourceResponse>, ValidationProblem, ProblemHttpResult>> ExpireAsync(
        string id, string secretId, ExpireSecretRequest? request, HttpContext context, ITenantStore store, SourceDirectory directory,
        IOptions<WebhookHubOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var source = await FindAsync(id, context, store, cancellationToken);
        if (source?.Secrets.FirstOrDefault(s => s.Id == secretId) is not { } secret) return Problems.NotFound("secret");

        var now = timeProvider.GetUtcNow();
        var at = request?.At ?? now;
        if (at < now) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = ["at must not be in the past."] });

        var updated = source with { Secrets = source.Secrets.Select(s => s == secret ? s with { ExpiresAt = at } : s).ToArray() };
        return await SaveAsync(updated, context, store, directory, options.Value, now, cancellationToken) is { } saved
            ? TypedResults.Ok(saved)
            : Problems.NotFound("source");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, string secretId, HttpContext context, ITenantStore store, SourceDirectory directory, CancellationToken cancellationToken)
    {
        var source = await FindAsync(id, context, store, cancellationToken);
        if (source?.Secrets.FirstOrDefault(s => s.Id == secretId) is not { } secret) return Problems.NotFound("secret");
        if (source.Secrets.Count == 1)
        {
            return Problems.Create(409, "Last secret", "A source needs at least one secret; add the new one before deleting this one.");
        }

        await store.UpdateSourceSecretsAsync(source.TenantId, source.Id, source.Secrets.Where(s => s != secret).ToArray(), cancellationToken);
        directory.Invalidate(source.Id);
        return TypedResults.NoContent();
    }

    private static async Task<Source?> FindAsync(string id, HttpContext context, ITenantStore store, CancellationToken cancellationToken)
    {
        var source = await store.GetSourceAsync(id, cancellationToken);
        return source is not null && source.TenantId == context.Tenant().Id ? source : null;
    }

    private static async Task<SourceResponse?> SaveAsync(
        Source source, HttpContext context, ITenantStore store, SourceDirectory directory, WebhookHubOptions options, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!await store.UpdateSourceSecretsAsync(source.TenantId, source.Id, source.Secrets, cancellationToken)) return null;
        directory.Invalidate(source.Id);
        return SourcesApi.ToResponse(source, context, options, now);
    }
}
