using Microsoft.AspNetCore.Http.HttpResults;

namespace WebhookHub.Functions.Api;

/// <summary>RFC 9457 problem details ; <c>type</c> defaults to the RFC 9110 section of the status.</summary>
internal static class Problems
{
    public static ProblemHttpResult Create(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ProblemHttpResult NotFound(string what) => Create(404, "Not found", $"No {what} with this ID.");
}
