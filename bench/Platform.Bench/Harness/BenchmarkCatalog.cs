namespace Platform.Bench.Harness;

public static class BenchmarkCatalog
{
    public static IReadOnlyDictionary<string, IBenchmark> Discover() =>
        typeof(BenchmarkCatalog).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBenchmark).IsAssignableFrom(t))
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);
}
