using Microsoft.AspNetCore.Http.HttpResults;
using WebhookHub.Delivery;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary>
/// <c>POST /api/subscriptions/{id}/secret/rotate</c> (tenant key): replaces the subscription's <c>whsec_</c> signing secret and
/// returns the new one, once; the old one keeps signing beside it for the overlap (see <see cref="SecretRotation"/>). Also the
/// signing helpers the subscription endpoints share: the Ed25519 key pair made for each subscription and what the API shows of it.
/// </summary>
internal static class SubscriptionSigningApi
{
    private const int MaxTries = 3;

    public static IEndpointRouteBuilder MapSubscriptionSigningApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/subscriptions").RequireTenant().MapPost("/{id}/secret/rotate", RotateSecretAsync);
        return routes;
    }

    /// <summary>
    /// Rotates the secret: 200 with the subscription and its new <c>secret</c>; 400 for an overlap outside 0 to 604800 seconds;
    /// 404 for another tenant's or an unknown subscription; 409 if other rotations kept winning the race.
    /// </summary>
    public static async Task<Results<Ok<SubscriptionResponse>, ValidationProblem, ProblemHttpResult>> RotateSecretAsync(
        string id, RotateSecretRequest? request, HttpContext context, ITenantStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var overlapSeconds = request?.OverlapSeconds ?? (long)SecretRotation.DefaultOverlap.TotalSeconds;
        if (overlapSeconds < 0 || overlapSeconds > (long)SecretRotation.MaxOverlap.TotalSeconds)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["overlapSeconds"] = [$"overlapSeconds must be 0 to {(long)SecretRotation.MaxOverlap.TotalSeconds} (7 days)."],
            });
        }

        var tenant = context.Tenant();
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            if (await store.GetSubscriptionAsync(tenant.Id, id, cancellationToken) is not { } current) return Problems.NotFound("subscription");
            var rotated = SecretRotation.Rotate(current, ApiKeys.CreateSigningSecret(), TimeSpan.FromSeconds(overlapSeconds), timeProvider.GetUtcNow());
            if (await store.UpdateSubscriptionSigningAsync(tenant.Id, id, current.Secret, rotated.Secret, rotated.SigningKeys, cancellationToken))
            {
                return TypedResults.Ok(SubscriptionsApi.ToResponse(rotated, includeSecret: true));
            }
        }

        return Problems.Create(409, "Conflict", "The signing secret was rotated concurrently; try again.");
    }

    /// <summary>Signing keys for a new subscription: a fresh Ed25519 key pair, no retiring secrets.</summary>
    public static SubscriptionSigningKeys NewSigningKeys()
    {
        var (secretKey, publicKey) = StandardWebhooksSigner.CreateEd25519Key();
        return new SubscriptionSigningKeys { Ed25519SecretKey = secretKey, Ed25519PublicKey = publicKey };
    }

    /// <summary>
    /// Before <paramref name="settings"/> that sign <c>v1a</c> are stored for a subscription made before Ed25519 signing existed,
    /// gives it a key pair (without touching its secret or retiring secrets). Returns the subscription as it now stands, or
    /// <see langword="null"/> when it is gone.
    /// </summary>
    public static async Task<Subscription?> EnsureEd25519KeyAsync(
        Subscription current, SubscriptionSettings settings, ITenantStore store, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            if (!SignatureSchemes.SignsV1a(settings.SignatureScheme) || current.SigningKeys.Ed25519SecretKey is not null) return current;
            var fresh = NewSigningKeys();
            var keys = current.SigningKeys with { Ed25519SecretKey = fresh.Ed25519SecretKey, Ed25519PublicKey = fresh.Ed25519PublicKey };
            if (await store.UpdateSubscriptionSigningAsync(current.TenantId, current.Id, current.Secret, current.Secret, keys, cancellationToken))
            {
                return current with { SigningKeys = keys };
            }

            if (await store.GetSubscriptionAsync(current.TenantId, current.Id, cancellationToken) is not { } reread) return null;
            current = reread;
        }

        return current;
    }

    /// <summary>What the API shows of the retiring secrets: their expiry, newest first; <see langword="null"/> when there are none.</summary>
    public static IReadOnlyList<RetiringSecretResponse>? PreviousSecrets(Subscription subscription) =>
        subscription.SigningKeys.PreviousSecrets is { Count: > 0 } previous
            ? previous.Select(p => new RetiringSecretResponse(p.ExpiresAt)).ToList()
            : null;
}
