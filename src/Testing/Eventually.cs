namespace Platform.Testing;

/// <summary>Waits for what happens asynchronously (consumers, retries, relays, samplers) to be seen.</summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> done, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (timeout.IsCancellationRequested) throw new TimeoutException($"Waited {seconds} s; last seen: {value}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; a timeout names <paramref name="what"/> was awaited.</summary>
    public static async Task Until(Func<bool> condition, string what, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"Waited {seconds} s for {what}.");
            await Task.Delay(50);
        }
    }
}
