using WebhookHub.Benchmarks;

// Child mode: the bare Kestrel baseline, started by the benchmark itself.
if (args.Contains(BareServer.Flag)) return await BareServer.RunAsync(args);
if (args.Contains(DeliveryReceiver.Flag)) return await DeliveryReceiver.RunAsync(args);

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

return options.Delivery ? await DeliveryBenchmark.RunAsync(options) : await BenchmarkRun.RunAsync(options);
