namespace Platform.Bench.Harness;

public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(string[] args, BenchmarkReport report, CancellationToken cancellationToken);
}
