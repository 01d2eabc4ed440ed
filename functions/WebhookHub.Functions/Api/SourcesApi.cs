using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WebhookHub.Functions.Hosting;
using WebhookHub.Ingestion;
using WebhookHub.Providers;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary><c>POST /api/sources</c>, <c>GET /api/sources</c>, <c>GET /api/sources/{id}</c> (tenant key).</summary>
internal static class SourcesApi
{
    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sources").RequireTenant();
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapGet("{id}", GetAsync);
        return routes;
    }

    public static async Task<Results<Created<SourceResponse>, ValidationProblem>> CreateAsync(
        CreateSourceRequest request, HttpContext context, ITenantStore store, ProviderCatalog catalog, SourceDirectory directory,
        IOptions<WebhookHubOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) errors["name"] = ["A name of 1 to 200 characters is required."];
        var secrets = request.Secrets ?? [];
        if (secrets.Length is 0 or > 10 || secrets.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 1024))
        {
            errors["secrets"] = ["Between 1 and 10 non-empty signing secrets (at most 1024 characters each) are required."];
        }

        var providerOptions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in request.Options ?? [])
        {
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
            {
                errors[$"options.{key}"] = ["Option values must be strings, numbers or booleans."];
                continue;
            }

            providerOptions[key] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }

        var provider = request.Provider?.Trim().ToLowerInvariant() ?? "";
        if (!catalog.Names.Contains(provider))
        {
            errors["provider"] = [$"Unknown provider '{provider}'. Known providers: {string.Join(", ", catalog.Names.Order())}."];
        }
        else
        {
            ProviderValidation.Check(errors, "options", () => catalog.CreateVerifier(provider, providerOptions));
            ProviderValidation.Check(errors, "secrets", () => Array.ForEach(secrets, secret => catalog.ValidateSecret(provider, secret)));
        }

        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = timeProvider.GetUtcNow();
        var sourceSecrets = secrets.Select(value => new SourceSecret(ApiKeys.NewId("sec"), value, now, null)).ToArray();
        var source = new Source(ApiKeys.NewId("src"), context.Tenant().Id, name!, provider, sourceSecrets, providerOptions, now);
        await store.CreateSourceAsync(source, cancellationToken);
        directory.Invalidate(source.Id);
        return TypedResults.Created($"/api/sources/{source.Id}", ToResponse(source, context, options.Value, now));
    }

    public static async Task<Ok<ListResponse<SourceResponse>>> ListAsync(
        HttpContext context, ITenantStore store, IOptions<WebhookHubOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var sources = await store.ListSourcesAsync(context.Tenant().Id, cancellationToken);
        var now = timeProvider.GetUtcNow();
        return TypedResults.Ok(new ListResponse<SourceResponse>(sources.Select(s => ToResponse(s, context, options.Value, now)).ToList()));
    }

    public static async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, ITenantStore store, IOptions<WebhookHubOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var source = await store.GetSourceAsync(id, cancellationToken);
        return source is null || source.TenantId != context.Tenant().Id
            ? Problems.NotFound("source")
            : TypedResults.Ok(ToResponse(source, context, options.Value, timeProvider.GetUtcNow()));
    }

    /// <summary>The API's view of a source; <paramref name="now"/> decides which secrets show as active.</summary>
    internal static SourceResponse ToResponse(Source source, HttpContext context, WebhookHubOptions options, DateTimeOffset now)
    {
        var baseUrl = string.IsNullOrEmpty(options.PublicBaseUrl)
            ? $"{context.Request.Scheme}://{context.Request.Host}"
            : options.PublicBaseUrl.TrimEnd('/');
        return new SourceResponse(source.Id, source.Name, source.Provider, $"{baseUrl}/api/webhooks/{source.Id}", source.Options,
            source.Secrets.Select(s => new SecretResponse(s.Id, s.CreatedAt, s.ExpiresAt, s.IsActive(now))).ToList(), source.CreatedAt);
    }
}
