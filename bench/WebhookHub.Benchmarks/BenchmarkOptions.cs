using System.Globalization;

namespace WebhookHub.Benchmarks;

/// <summary>Command-line options of one benchmark run.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/WebhookHub.Benchmarks -- [options]
          --connections N        closed-loop concurrency and open-loop connection cap (default 32)
          --duration SECONDS     each measured phase (default 10)
          --warmup SECONDS       unmeasured load before each peak phase (default 3)
          --rate-fraction F      open-loop rate as a fraction of each server's peak (default 0.5)
          --client raw|httpclient  load generator used against both servers (default raw: pre-formatted requests on sockets)
          --workers              run WebhookHub's dispatch/delivery workers (default: ingest only)
          --wrk auto|always|never  also measure peak with wrk (default auto: when wrk is on the PATH)
          --data-dir DIR         where the fresh SQLite file goes (default: a new folder under the temp directory)
          --hub-dll PATH         WebhookHub.Functions.dll to run (default: the Release build in functions/)
          --out FILE             JSON results (default bench/results/latest.json)
          --WebhookHub:Name=V    passed through to WebhookHub (e.g. --WebhookHub:Sqlite:MaxBatchSize=512)
        Delivery benchmark (WebhookHub's delivery engine against a plain HttpClient loop, same receiver, same concurrency):
          --delivery             run it instead of the ingest benchmark
          --deliveries N         backlog size, and the plain loop's request count (default 20000)
          --concurrency N        deliveries in flight (WebhookHub:Delivery:MaxConcurrency) and plain-loop tasks (default 64)
          --trace FILE           the draining hub writes a CPU-sampling trace there (read it with dotnet-trace report FILE topN)
        """;

    public int Connections { get; init; } = BenchmarkDefaults.Connections;

    public TimeSpan Duration { get; init; } = BenchmarkDefaults.Duration;

    public TimeSpan Warmup { get; init; } = BenchmarkDefaults.Warmup;

    public double RateFraction { get; init; } = BenchmarkDefaults.RateFraction;

    public ClientKind Client { get; init; } = ClientKind.Raw;

    public bool RunWorkers { get; init; }

    public WrkMode Wrk { get; init; } = WrkMode.Auto;

    public string? DataDirectory { get; init; }

    public string? HubAssembly { get; init; }

    public string? OutFile { get; init; }

    public IReadOnlyList<string> HubArguments { get; init; } = [];

    public bool ShowHelp { get; init; }

    /// <summary><c>--delivery</c>: run the delivery benchmark instead of the ingest one.</summary>
    public bool Delivery { get; init; }

    public int Deliveries { get; init; } = BenchmarkDefaults.Deliveries;

    public int DeliveryConcurrency { get; init; } = BenchmarkDefaults.DeliveryConcurrency;

    public string? TraceFile { get; init; }

    /// <exception cref="ArgumentException">An unknown option or an invalid value.</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        var hubArguments = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            options = arg switch
            {
                "--connections" => options with { Connections = Positive(arg, int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--duration" => options with { Duration = Seconds(arg, Next()) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--rate-fraction" => options with { RateFraction = Fraction(arg, Next()) },
                "--client" => options with { Client = Enum.Parse<ClientKind>(Next(), ignoreCase: true) },
                "--workers" => options with { RunWorkers = true },
                "--wrk" => options with { Wrk = Enum.Parse<WrkMode>(Next(), ignoreCase: true) },
                "--data-dir" => options with { DataDirectory = Next() },
                "--hub-dll" => options with { HubAssembly = Next() },
                "--out" => options with { OutFile = Next() },
                "-h" or "--help" => options with { ShowHelp = true },
                "--delivery" => options with { Delivery = true },
                "--trace" => options with { TraceFile = Next() },
                "--deliveries" => options with { Deliveries = Positive(arg, int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--concurrency" => options with { DeliveryConcurrency = Positive(arg, int.Parse(Next(), CultureInfo.InvariantCulture)) },
                _ when arg.StartsWith("--WebhookHub:", StringComparison.OrdinalIgnoreCase) => AddHubArgument(options, hubArguments, arg),
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }

        return options with { HubArguments = hubArguments };
    }

    private static BenchmarkOptions AddHubArgument(BenchmarkOptions options, List<string> hubArguments, string arg)
    {
        if (arg.StartsWith("--WebhookHub:RunWorkers", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Use --workers instead of --WebhookHub:RunWorkers.");
        }

        hubArguments.Add(arg);
        return options;
    }

    private static int Positive(string name, int value) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be positive; got {value}.");

    private static TimeSpan Seconds(string name, string text)
    {
        var seconds = double.Parse(text, CultureInfo.InvariantCulture);
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException($"{name} must be positive; got {seconds} s.");
    }

    private static double Fraction(string name, string text)
    {
        var value = double.Parse(text, CultureInfo.InvariantCulture);
        return value is > 0 and <= 1 ? value : throw new ArgumentException($"{name} must be in (0, 1]; got {value}.");
    }
}
