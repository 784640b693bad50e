using Platform.Bench.Harness;

// Each benchmark is an IBenchmark found by reflection, so adding one never touches this file.
var catalog = BenchmarkCatalog.Discover();
if (args.Length == 0 || !catalog.TryGetValue(args[0], out var benchmark))
{
    Console.WriteLine("usage: Platform.Bench <benchmark> [options]");
    foreach (var known in catalog.Values.OrderBy(b => b.Name))
        Console.WriteLine($"  {known.Name,-16} {known.Description}");
    return args.Length == 0 ? 0 : 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

var report = new BenchmarkReport(benchmark.Name);
await benchmark.RunAsync(args[1..], report, cancellation.Token);
report.Print();
return 0;
