using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Runs in-process (no generated project to restore), a short job per provider: enough to compare schemes, not to publish
// nanoseconds. `--job default` style BenchmarkDotNet arguments still work, for example `--filter *stripe*`.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableLogFile);
BenchmarkSwitcher.FromAssembly(typeof(WebhookHub.Benchmarks.Verification.VerifyBenchmarks).Assembly).Run(args, config);
