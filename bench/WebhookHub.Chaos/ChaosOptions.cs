using System.Globalization;

namespace WebhookHub.Chaos;

/// <summary>Command-line options of one chaos run.</summary>
internal sealed record ChaosOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/WebhookHub.Chaos -- [options]
          --events N             signed webhooks to send through the ingest endpoint (default 10000)
          --tenants N            tenants, each with a source and four subscriptions (default 3)
          --seed N               seed of every random choice: event types, tenants, receiver failures (default 42)
          --concurrency N        webhooks in flight while sending (default 16)
          --timeout SECONDS      give up waiting for every delivery to end after this long (default 150)
          --hub-dll PATH         WebhookHub.Functions.dll to run (default: the build of the same configuration in functions/)
          --WebhookHub:Name=V    passed through to WebhookHub, after the chaos defaults (so it overrides them)
        """;

    public int Events { get; init; } = 10_000;

    public int Tenants { get; init; } = 3;

    public int Seed { get; init; } = 42;

    public int Concurrency { get; init; } = 16;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(150);

    public string? HubAssembly { get; init; }

    public IReadOnlyList<string> HubArguments { get; init; } = [];

    public bool ShowHelp { get; init; }

    /// <exception cref="ArgumentException">An unknown option or an invalid value.</exception>
    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ChaosOptions();
        var hub = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            int Positive() => int.Parse(Next(), CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException($"{arg} must be positive.");
            options = arg switch
            {
                "--events" => options with { Events = Positive() },
                "--tenants" => options with { Tenants = Positive() },
                "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = Positive() },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(Positive()) },
                "--hub-dll" => options with { HubAssembly = Next() },
                "-h" or "--help" => options with { ShowHelp = true },
                _ when arg.StartsWith("--WebhookHub:", StringComparison.OrdinalIgnoreCase) => Add(options, hub, arg),
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }

        return options with { HubArguments = hub };
    }

    private static ChaosOptions Add(ChaosOptions options, List<string> hub, string arg)
    {
        hub.Add(arg);
        return options;
    }
}
