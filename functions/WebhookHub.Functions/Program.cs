using WebhookHub.Functions;

var app = WebhookHubApp.Build(args);
await app.RunAsync();
