using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Benchmarks;

/// <summary>
/// A realistic GitHub <c>issues</c> / <c>opened</c> delivery body (shape of
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues, trimmed to the usual ~2.5 KB), signed once.
/// </summary>
internal static class GitHubPayload
{
    public const string EventName = "issues";

    public static byte[] Body { get; } = Encoding.UTF8.GetBytes("""
        {"action":"opened","issue":{"url":"https://api.github.com/repos/octo-org/webhook-hub/issues/1347","repository_url":"https://api.github.com/repos/octo-org/webhook-hub","labels_url":"https://api.github.com/repos/octo-org/webhook-hub/issues/1347/labels{/name}","comments_url":"https://api.github.com/repos/octo-org/webhook-hub/issues/1347/comments","html_url":"https://github.com/octo-org/webhook-hub/issues/1347","id":2012345678,"node_id":"I_kwDOBenchAAAAAB3zX1E","number":1347,"title":"Deliveries to a slow endpoint are retried before the timeout elapses","user":{"login":"octocat","id":583231,"node_id":"MDQ6VXNlcjU4MzIzMQ==","avatar_url":"https://avatars.githubusercontent.com/u/583231?v=4","html_url":"https://github.com/octocat","type":"User","site_admin":false},"labels":[{"id":4211,"node_id":"LA_kwDOBench4211","name":"bug","color":"d73a4a","default":true,"description":"Something isn't working"}],"state":"open","locked":false,"assignee":null,"assignees":[],"milestone":null,"comments":0,"created_at":"2025-11-21T15:56:02Z","updated_at":"2025-11-21T15:56:02Z","closed_at":null,"author_association":"CONTRIBUTOR","active_lock_reason":null,"body":"When a subscriber takes longer than 10 seconds to answer, the delivery is retried while the first attempt is still running.\r\n\r\nSteps: create a subscription pointing at an endpoint that sleeps 12 s, send one event, watch the attempts.\r\n\r\nExpected: one attempt, then a retry after the backoff. Actual: two overlapping attempts.","timeline_url":"https://api.github.com/repos/octo-org/webhook-hub/issues/1347/timeline","state_reason":null},"repository":{"id":712345678,"node_id":"R_kgDOBenchRepo","name":"webhook-hub","full_name":"octo-org/webhook-hub","private":false,"owner":{"login":"octo-org","id":9919,"node_id":"MDEyOk9yZ2FuaXphdGlvbjk5MTk=","avatar_url":"https://avatars.githubusercontent.com/u/9919?v=4","html_url":"https://github.com/octo-org","type":"Organization","site_admin":false},"html_url":"https://github.com/octo-org/webhook-hub","description":"Webhook ingestion and fan-out","fork":false,"url":"https://api.github.com/repos/octo-org/webhook-hub","created_at":"2023-10-30T09:12:44Z","updated_at":"2025-11-20T18:03:10Z","pushed_at":"2025-11-21T15:40:27Z","homepage":null,"size":2048,"stargazers_count":128,"watchers_count":128,"language":"C#","has_issues":true,"has_projects":false,"has_wiki":false,"forks_count":17,"archived":false,"disabled":false,"open_issues_count":23,"license":{"key":"mit","name":"MIT License","spdx_id":"MIT"},"topics":["webhooks","aspnetcore"],"visibility":"public","default_branch":"main"},"organization":{"login":"octo-org","id":9919,"node_id":"MDEyOk9yZ2FuaXphdGlvbjk5MTk=","url":"https://api.github.com/orgs/octo-org","description":"Example organization"},"sender":{"login":"octocat","id":583231,"node_id":"MDQ6VXNlcjU4MzIzMQ==","avatar_url":"https://avatars.githubusercontent.com/u/583231?v=4","html_url":"https://github.com/octocat","type":"User","site_admin":false}}
        """);

    /// <summary><c>X-Hub-Signature-256</c>: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the body keyed with the UTF-8 secret.</summary>
    public static string Sign(string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body));
}
