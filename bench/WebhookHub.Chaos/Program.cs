using WebhookHub.Chaos;

ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(ChaosOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(ChaosOptions.Usage);
    return 0;
}

return await ChaosRun.RunAsync(options);
